# Samples per 1,000 statements by where they fell, for collapsed async-profiler stacks of H2Workload runs:
#   python3 bench/results/issue14-h2-tcp-profdiff.py RUN.collapsed=OPS_PER_S ...   (each profile covering 7 s of its run)
import collections, sys
def cat(fr):
    s=';'.join(fr)
    if 'io/lwp4j/agent/bootstrap/Hooks' in s: return 'advice (Hooks frames)'
    if any(x in s for x in ('io/lwp4j/sampler','io/lwp4j/jfr','io/lwp4j/agent','com/lmax','org/HdrHistogram','io/lwp4j/metrics')): return 'lwp4j threads and hooks'
    if 'CompileBroker' in s: return 'JIT compilers'
    if 'G1' in s or 'GCTask' in s or 'WorkerThread' in s: return 'GC'
    if 'jdk/jfr' in s or 'Jfr' in s: return 'JFR'
    if 'org/h2' in s or 'io/lwp4j/bench' in s:
        l=fr[-1]
        if l.endswith('_[k]'): return 'H2 threads: kernel'
        if '/' in l and not l.startswith('['): return 'H2 threads: Java'
        return 'H2 threads: JVM/libc'
    return 'other'
def load(f):
    c=collections.Counter()
    for line in open(f):
        st,_,n=line.rstrip().rpartition(' ')
        c[cat(st.split(';'))]+=int(n)
    return c
runs=[(f, float(ops)) for f,ops in (a.split('=') for a in sys.argv[1:])]
data=[(f,ops,load(f)) for f,ops in runs]
keys=sorted(set().union(*[d[2] for d in data]), key=lambda k: -data[0][2][k])
print('%-26s' % 'samples per 1,000 statements' + ''.join('%14s' % f.split('/')[-1].replace('.collapsed','') for f,_,_ in data))
for k in keys+['all']:
    print('%-26s' % k + ''.join('%14.1f' % ((sum(d.values()) if k=='all' else d[k]) / (ops*7/1000)) for f,ops,d in data))
