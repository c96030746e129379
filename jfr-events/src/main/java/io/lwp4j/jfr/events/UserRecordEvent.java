package io.lwp4j.jfr.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name("lwp4j.UserRecord")
@Label("User Record")
@Description("A record an application thread wrote about itself into its lwp4j buffer; the meaning of the "
        + "values is the application's")
@Category({"lwp4j", "Application"})
public final class UserRecordEvent extends RecordEvent {
    @Label("Sequence")
    @Description("Payload word 0: by convention a sequence number")
    public long sequence;

    @Label("Value 1")
    public long value1;

    @Label("Value 2")
    public long value2;

    @Label("Value 3")
    public long value3;

    @Label("Value 4")
    public long value4;

    @Label("Value 5")
    public long value5;
}
