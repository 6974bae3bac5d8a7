package dev.assistants4j.client;

/** A missing or unknown API key (401). */
public class AuthenticationException extends ApiException {

    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message, String type, String code, String param) {
        super(401, message, type, code, param);
    }
}
