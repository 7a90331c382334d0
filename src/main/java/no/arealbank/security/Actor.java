package no.arealbank.security;

import java.util.Set;

/**
 * Someone who changes data: a signed-in planner or admin, or the system itself (sample loading).
 * A planner may write in the listed municipalities; an admin and the system everywhere.
 */
public record Actor(String username, boolean admin, Set<String> municipalities) {

    public Actor {
        municipalities = Set.copyOf(municipalities);
    }

    public static Actor system(String name) {
        return new Actor(name, true, Set.of());
    }

    public boolean mayWrite(String municipalityNumber) {
        return admin || municipalities.contains(municipalityNumber);
    }

    /** Drafts of a municipality are visible to those who may write there. */
    public boolean maySeeDrafts(String municipalityNumber) {
        return mayWrite(municipalityNumber);
    }
}
