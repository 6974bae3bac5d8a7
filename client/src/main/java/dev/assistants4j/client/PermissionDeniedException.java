package dev.assistants4j.client;

/** A key not allowed to do this (403). */
public class PermissionDeniedException extends ApiException {

    private static final long serialVersionUID = 1L;

    public PermissionDeniedException(String message, String type, String code, String param) {
        super(403, message, type, code, param);
    }
}
