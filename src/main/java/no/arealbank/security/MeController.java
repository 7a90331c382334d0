package no.arealbank.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import no.arealbank.reference.ReferenceData;

/** {@code /api/me}: who is signed in (the workspace page asks this first) and the self-service password change. */
@RestController
@RequestMapping("/api/me")
class MeController {

    private final CurrentActor currentActor;
    private final UserAccounts accounts;
    private final UserAdministration administration;
    private final ReferenceData reference;

    MeController(CurrentActor currentActor, UserAccounts accounts, UserAdministration administration,
            ReferenceData reference) {
        this.currentActor = currentActor;
        this.accounts = accounts;
        this.administration = administration;
        this.reference = reference;
    }

    /** The signed-in user; an admin covers every municipality, so all numbers are listed. */
    record Me(String username, String displayName, boolean admin, List<String> municipalities) {
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Me> me() {
        Actor actor = actor();
        UserAccounts.Account account = accounts.find(actor.username()).orElseThrow(UserProblems::unauthorized);
        List<String> municipalities = account.admin() ? reference.municipalityNumbers()
                : account.municipalities().stream().sorted().toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new Me(account.username(), account.displayName(), account.admin(), municipalities));
    }

    @PostMapping(path = "/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> changePassword(@RequestBody PasswordChange body, HttpServletRequest request) {
        if (body == null) {
            throw UserProblems.invalid("", "a JSON object with currentPassword and newPassword is required");
        }
        String username = actor().username();
        administration.changeOwnPassword(username, body.currentPassword(), body.newPassword());
        // the user's other sessions end (AccountStateFilter sees the new hash); this one carries on
        HttpSession session = request.getSession(false);
        if (session != null && SecurityContextHolder.getContext().getAuthentication() != null
                && SecurityContextHolder.getContext().getAuthentication().getPrincipal() instanceof AccountPrincipal p) {
            AccountStateFilter.replace(session, p, accounts.loadUserByUsername(username));
        }
        return ResponseEntity.noContent().build();
    }

    private Actor actor() {
        return currentActor.current().orElseThrow(UserProblems::unauthorized);
    }
}
