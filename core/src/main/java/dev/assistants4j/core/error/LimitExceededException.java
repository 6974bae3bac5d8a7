package dev.assistants4j.core.error;

/**
 * A key or team asked for what its limits do not allow, refused as LiteLLM's proxy refuses it: a model outside its
 * {@code models} (HTTP 401, type {@code key_model_access_denied} or {@code team_model_access_denied}, param {@code
 * model}) or spend past its {@code max_budget} (HTTP 400, type {@code budget_exceeded}). LiteLLM writes the status as
 * the {@code code}, so this does too. Rate limits are a {@link RateLimitException}.
 */
public final class LimitExceededException extends AssistantsException {

    private LimitExceededException(int status, String type, String message, String param) {
        super(status, type, message, param, Integer.toString(status), null);
    }

    /**
     * The key (or its team, {@code team} true) may not call {@code model}.
     *
     * @param allowed the model names it may call
     */
    public static LimitExceededException modelDenied(boolean team, java.util.List<String> allowed, String model) {
        String who = team ? "team" : "key";
        return new LimitExceededException(
                401,
                who + "_model_access_denied",
                who + " not allowed to access model. This " + who + " can only access models=" + allowed
                        + ". Tried to access " + model,
                "model");
    }

    /** The key (or its team) spent its budget: {@code spend} of {@code maxBudget} US dollars. */
    public static LimitExceededException budgetExceeded(
            boolean team, String id, java.math.BigDecimal spend, java.math.BigDecimal maxBudget) {
        String message = team
                ? "Budget has been exceeded! Team=" + id + " Current cost: " + spend.toPlainString() + ", Max budget: "
                        + maxBudget.toPlainString()
                : "Budget has been exceeded! Current cost: " + spend.toPlainString() + ", Max budget: "
                        + maxBudget.toPlainString();
        return new LimitExceededException(400, "budget_exceeded", message, null);
    }
}
