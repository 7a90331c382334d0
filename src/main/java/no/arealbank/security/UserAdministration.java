package no.arealbank.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.arealbank.audit.ChangeHistory;
import no.arealbank.reference.ReferenceData;
import no.arealbank.shared.FieldProblem;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Regional admins manage users; everyone changes their own password. Every request is validated as a whole
 * before anything is written (a 400 changes nothing), and every change lands in the change history as entity
 * type {@code user} with before/after snapshots that never contain a password or its hash.
 */
@Service
@Transactional(readOnly = true)
class UserAdministration {

    static final Pattern USERNAME = Pattern.compile("[a-z0-9._@-]{2,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> PATCHABLE = Set.of("displayName", "email", "enabled", "admin", "municipalities");
    private static final int MAX_DISPLAY_NAME = 200;
    private static final int MAX_EMAIL = 254;

    private final UserAccounts accounts;
    private final ReferenceData reference;
    private final ChangeHistory history;
    private final JsonMapper json = JsonMapper.builder().build();

    UserAdministration(UserAccounts accounts, ReferenceData reference, ChangeHistory history) {
        this.accounts = accounts;
        this.reference = reference;
        this.history = history;
    }

    /** The body of {@code POST /api/admin/users}. */
    record NewUser(String username, String displayName, String email, Boolean admin, List<String> municipalities,
            String password) {
    }

    List<UserAccounts.Account> list() {
        return accounts.list();
    }

    UserAccounts.Account get(String username) {
        return accounts.find(username).orElseThrow(() -> UserProblems.notFound(username));
    }

    @Transactional
    UserAccounts.Account create(NewUser request, Actor admin) {
        if (request == null) {
            throw UserProblems.invalid("", "a JSON object is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        String username = request.username();
        if (username == null || username.isBlank()) {
            problems.add(new FieldProblem("/username", "required"));
        } else if (!USERNAME.matcher(username).matches()) {
            problems.add(new FieldProblem("/username",
                    "2 to 64 characters: lower-case letters a-z, digits, '.', '_', '@' or '-'"));
        }
        String displayName = displayName(request.displayName(), problems);
        String email = email(request.email(), username, problems);
        boolean isAdmin = Boolean.TRUE.equals(request.admin());
        Set<String> municipalities = municipalities(request.municipalities(), isAdmin, problems);
        PasswordRules.problem(username, request.password())
                .ifPresent(p -> problems.add(new FieldProblem("/password", p)));
        if (!problems.isEmpty()) {
            throw UserProblems.invalid(problems);
        }
        if (accounts.exists(username)) {
            throw UserProblems.conflict("/username", "a user '" + username + "' exists already");
        }
        long id = accounts.create(username, displayName, email, isAdmin, municipalities, request.password());
        UserAccounts.Account created = get(username);
        history.record("user", id, "create", created.version(), admin.username(), null, snapshot(created, false));
        return created;
    }

    /** A JSON Merge Patch (RFC 7396) of displayName, email, enabled, admin and municipalities. */
    @Transactional
    UserAccounts.Account patch(String username, JsonNode patch, Actor admin) {
        UserAccounts.Account before = get(username);
        if (patch == null || !patch.isObject()) {
            throw UserProblems.invalid("", "a JSON object with the fields to change is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (String name : patch.propertyNames()) {
            if (!PATCHABLE.contains(name)) {
                problems.add(new FieldProblem("/" + name.replace("~", "~0").replace("/", "~1"),
                        "unknown field; one of admin, displayName, email, enabled, municipalities"));
            }
        }
        String displayName = before.displayName();
        if (patch.has("displayName")) {
            JsonNode v = patch.get("displayName");
            displayName = displayName(v.isString() ? v.stringValue() : null, problems);
            if (!v.isString() && !v.isNull()) {
                problems.removeIf(p -> p.pointer().equals("/displayName"));
                problems.add(new FieldProblem("/displayName", "must be a string"));
            }
        }
        String email = before.email();
        if (patch.has("email")) {
            JsonNode v = patch.get("email");
            if (v.isNull()) {
                email = null;
            } else if (v.isString()) {
                email = email(v.stringValue(), username, problems);
            } else {
                problems.add(new FieldProblem("/email", "must be a string or null"));
            }
        }
        boolean enabled = bool(patch, "enabled", before.enabled(), problems);
        boolean isAdmin = bool(patch, "admin", before.admin(), problems);
        Set<String> municipalities = new LinkedHashSet<>(before.municipalities());
        if (patch.has("municipalities")) {
            JsonNode v = patch.get("municipalities");
            if (!v.isArray()) {
                problems.add(new FieldProblem("/municipalities", "must be an array of municipality numbers"));
            } else {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < v.size(); i++) {
                    if (v.get(i).isString()) {
                        values.add(v.get(i).stringValue());
                    } else {
                        problems.add(new FieldProblem("/municipalities/" + i, "must be a string like \"4028\""));
                        values.add(null);
                    }
                }
                municipalities = municipalities(values, isAdmin, problems);
            }
        } else if (!isAdmin && municipalities.isEmpty()) {
            problems.add(new FieldProblem("/municipalities", "a planner needs at least one municipality"));
        }
        if (username.equals(admin.username()) && !enabled) {
            problems.add(new FieldProblem("/enabled", "you cannot deactivate your own account"));
        }
        if (username.equals(admin.username()) && !isAdmin) {
            problems.add(new FieldProblem("/admin", "you cannot remove your own admin role"));
        }
        if (!problems.isEmpty()) {
            throw UserProblems.invalid(problems);
        }
        accounts.update(before.id(), displayName, email, enabled, isAdmin, municipalities);
        UserAccounts.Account after = get(username);
        history.record("user", before.id(), "update", after.version(), admin.username(), snapshot(before, false),
                snapshot(after, false));
        return after;
    }

    /** An admin sets a new password for someone (e.g. who forgot theirs). */
    @Transactional
    void resetPassword(String username, String password, Actor admin) {
        UserAccounts.Account before = get(username);
        PasswordRules.problem(username, password).ifPresent(p -> {
            throw UserProblems.invalid("/password", p);
        });
        accounts.setPassword(before.id(), password);
        history.record("user", before.id(), "update", before.version() + 1, admin.username(),
                snapshot(before, false), snapshot(get(username), true));
    }

    /** A signed-in user changes their own password; the current one must be given. */
    @Transactional
    void changeOwnPassword(String username, String currentPassword, String newPassword) {
        UserAccounts.Account before = get(username);
        List<FieldProblem> problems = new ArrayList<>();
        if (!accounts.passwordMatches(username, currentPassword)) {
            problems.add(new FieldProblem("/currentPassword", "does not match your current password"));
        }
        PasswordRules.problem(username, newPassword).ifPresent(p -> problems.add(new FieldProblem("/newPassword", p)));
        if (newPassword != null && newPassword.equals(currentPassword)) {
            problems.add(new FieldProblem("/newPassword", "must differ from the current password"));
        }
        if (!problems.isEmpty()) {
            throw UserProblems.invalid(problems);
        }
        accounts.setPassword(before.id(), newPassword);
        history.record("user", before.id(), "update", before.version() + 1, username, snapshot(before, false),
                snapshot(get(username), true));
    }

    private static String displayName(String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem("/displayName", "required"));
            return null;
        }
        if (value.length() > MAX_DISPLAY_NAME) {
            problems.add(new FieldProblem("/displayName", "at most " + MAX_DISPLAY_NAME + " characters"));
        }
        return value.strip();
    }

    private String email(String value, String username, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String email = value.strip();
        if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            problems.add(new FieldProblem("/email", "not an e-mail address"));
        } else if (accounts.emailTaken(email, username)) {
            problems.add(new FieldProblem("/email", "already used by another user"));
        }
        return email;
    }

    private static boolean bool(JsonNode patch, String field, boolean current, List<FieldProblem> problems) {
        if (!patch.has(field)) {
            return current;
        }
        JsonNode v = patch.get(field);
        if (!v.isBoolean()) {
            problems.add(new FieldProblem("/" + field, "must be true or false"));
            return current;
        }
        return v.booleanValue();
    }

    /** Current municipality numbers (old numbers are accepted and mapped); unknown ones are named by index. */
    private Set<String> municipalities(List<String> values, boolean isAdmin, List<FieldProblem> problems) {
        Set<String> result = new LinkedHashSet<>();
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                String v = values.get(i);
                if (v == null) {
                    continue;
                }
                final int index = i;
                reference.currentMunicipalityNumber(v.strip()).ifPresentOrElse(result::add,
                        () -> problems.add(new FieldProblem("/municipalities/" + index,
                                "unknown municipality number '" + v + "'")));
            }
        }
        if (!isAdmin && result.isEmpty() && problems.stream().noneMatch(p -> p.pointer().startsWith("/municipalities"))) {
            problems.add(new FieldProblem("/municipalities", "a planner needs at least one municipality"));
        }
        return result;
    }

    private String snapshot(UserAccounts.Account a, boolean passwordChanged) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", a.username());
        m.put("displayName", a.displayName());
        m.put("email", a.email());
        m.put("admin", a.admin());
        m.put("enabled", a.enabled());
        m.put("municipalities", a.municipalities());
        if (passwordChanged) {
            m.put("passwordChanged", true);
        }
        return json.writeValueAsString(m);
    }
}
