package org.pensim.registry.client;

/**
 * The registry holds another event under the id of the one sent. For a node this is most often its own earlier
 * attempt, signed a moment earlier, whose answer was lost (the connection broke, a member died): see
 * {@link RegistryClient#appliedEvent}.
 */
public final class EventIdTaken extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String eventId;

    public EventIdTaken(String eventId, String detail) {
        super(detail);
        this.eventId = eventId;
    }

    public String eventId() {
        return eventId;
    }

    /** Whether the registry answered an event with this refusal (409, problem type id-conflict). */
    public static boolean answered(RegistryClient.Response r) {
        return r.status() == 409 && r.body().path("type").asText().endsWith("/id-conflict");
    }

    /** What a desk's action log says of an action taken from the registry's record ({@link RegistryClient#appliedEvent}). */
    public static String earlierAttempt(com.fasterxml.jackson.databind.JsonNode applied) {
        return "recorded by the registry at " + applied.path("at").asText() + " from an earlier attempt whose answer was lost"
                + " (or another officer's at the same moment); it stands";
    }
}
