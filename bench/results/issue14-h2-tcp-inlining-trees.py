#!/usr/bin/env python3
"""inline14: the failed inlining decisions in the last C2 compile of each method of H2's socket path.

Reads the VM log of a run with -XX:+UnlockDiagnosticVMOptions -XX:+LogVMOutput -XX:-DisplayVMOutput
-XX:LogFile=FILE -XX:+PrintCompilation -XX:+PrintInlining (the compiler threads write into it in turn,
each chunk after a <writer thread='N'/> line: they are put back together by thread, then cut into compiles
at each PrintCompilation line). Usage: issue14-h2-tcp-inlining-trees.py VM_LOG...
"""
import collections, re, sys

HEADER = re.compile(r'^\s*(\d+)\s+(\d+)\s+([%sbn!]*)\s*(\d)\s+(\S+::\S+) \((\d+) bytes\)')
WRITER = re.compile(r"<writer thread='(\d+)'/>")
ROOTS = ['java.io.BufferedInputStream::fill', 'java.net.Socket$SocketInputStream::read', 'sun.nio.ch.NioSocketImpl::read',
         'java.io.BufferedOutputStream::flush', 'java.net.Socket$SocketOutputStream::write', 'sun.nio.ch.NioSocketImpl::write']
# calls that fail the same way with and without the agent, and the advice's never-taken paths
SAME = re.compile(r'getOption|Event::emit|Event::enabled|ThreadLocal|hasQueuedThreads|native method|native call|never executed|low call site|'
                  r'Throttler::sample|traceReadBytes|BufferCache::removeFirst|Unsafe::allocateMemory|'
                  r'countsNotCached|rareCall')


def compiles(path):
    current = collections.defaultdict(lambda: None)
    found, writer = [], None
    for line in open(path, errors='replace'):
        w = WRITER.search(line)
        if w:
            writer = w.group(1)
            continue
        h = HEADER.match(line)
        if h and '@' not in line:
            if 'made not entrant' not in line:
                current[writer] = dict(ms=int(h.group(1)), id=h.group(2), tier=int(h.group(4)), osr='%' in h.group(3),
                                       method=h.group(5), lines=[])
                found.append(current[writer])
        elif current[writer] is not None and '@' in line:
            current[writer]['lines'].append(line)
    return found


for path in sys.argv[1:]:
    c2 = [c for c in compiles(path) if c['tier'] == 4 and not c['osr']]
    print('#', path)
    for root in ROOTS:
        mine = [c for c in c2 if c['method'] == root]
        if not mine:
            print(f'  {root}: no C2 compile of its own')
            continue
        last = mine[-1]
        print(f"  {root}: C2 compile {last['id']} at {last['ms']} ms ({len(mine)} in all)")
        for line in last['lines']:
            if 'failed to inline' in line and not SAME.search(line):
                text = re.sub(r'callee changed.*', '', line).replace('&apos;', "'")
                print('     ', re.sub(r'\s+', ' ', text).strip())
