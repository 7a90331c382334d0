package no.arealbank.security;

import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import no.arealbank.shared.BadParameterException;

import tools.jackson.databind.JsonNode;

/** {@code /api/admin/**}: regional admins manage users and read the sign-in log (the filter chain admits only admins). */
@RestController
@RequestMapping(path = "/api/admin", produces = MediaType.APPLICATION_JSON_VALUE)
class UserAdminController {

    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final int DEFAULT_SIGN_INS = 50;
    private static final int MAX_SIGN_INS = 1000;

    private final UserAdministration administration;
    private final SignInLog signIns;
    private final CurrentActor currentActor;

    UserAdminController(UserAdministration administration, SignInLog signIns, CurrentActor currentActor) {
        this.administration = administration;
        this.signIns = signIns;
        this.currentActor = currentActor;
    }

    record Users(List<UserAccounts.Account> users) {
    }

    record PasswordReset(String password) {
    }

    record SignIns(List<SignInLog.Entry> signIns) {
    }

    @GetMapping("/users")
    ResponseEntity<Users> list() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Users(administration.list()));
    }

    @GetMapping("/users/{username}")
    ResponseEntity<UserAccounts.Account> get(@PathVariable String username) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(administration.get(username));
    }

    @PostMapping(path = "/users", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UserAccounts.Account> create(@RequestBody UserAdministration.NewUser request) {
        UserAccounts.Account created = administration.create(request, actor());
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{u}")
                .buildAndExpand(created.username()).toUri()).cacheControl(CacheControl.noStore()).body(created);
    }

    @PatchMapping(path = "/users/{username}", consumes = {MERGE_PATCH, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<UserAccounts.Account> patch(@PathVariable String username, @RequestBody JsonNode patch) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(administration.patch(username, patch, actor()));
    }

    @PostMapping(path = "/users/{username}/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> resetPassword(@PathVariable String username, @RequestBody PasswordReset body) {
        administration.resetPassword(username, body == null ? null : body.password(), actor());
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    @GetMapping("/sign-ins")
    ResponseEntity<SignIns> signIns(@RequestParam(name = "limit", required = false) String limit) {
        int n = DEFAULT_SIGN_INS;
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw new BadParameterException("?limit", "'" + limit + "' is not a whole number");
            }
            if (n < 1 || n > MAX_SIGN_INS) {
                throw new BadParameterException("?limit", "between 1 and " + MAX_SIGN_INS);
            }
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new SignIns(signIns.recent(n)));
    }

    private Actor actor() {
        return currentActor.current().orElseThrow(UserProblems::unauthorized);
    }
}
