package dev.assistants4j.client.params;

import java.util.Map;

/** Parameters sent as a JSON body: typed fields, plus raw {@link #extra()} fields added to the body as they are. */
public interface RequestParams {

    /** Fields to add to the body as they are (Jackson-serialised), for what the record does not type. */
    Map<String, Object> extra();
}
