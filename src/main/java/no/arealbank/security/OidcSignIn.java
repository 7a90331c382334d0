package no.arealbank.security;

import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.StringUtils;

/**
 * OpenID Connect sign-in, configured only when {@code arealbank.oidc.issuer-uri}, {@code client-id} and
 * {@code client-secret} are all set; otherwise none of these beans exist and the filter chain has no OAuth2 login.
 * A sign-in is mapped to an existing, enabled {@code app_user} by the configured claim and gets that user's role and
 * municipalities; anyone else is refused and recorded in the sign-in log.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OidcSignIn.Configured.class)
class OidcSignIn {

    static final String REGISTRATION_ID = "oidc";

    private final OidcSettings settings;

    OidcSignIn(OidcSettings settings) {
        this.settings = settings;
    }

    String name() {
        return settings.name();
    }

    /**
     * The provider's metadata is read from its discovery document at the first sign-in, not at start, so that the
     * service starts (and built-in users sign in) while the provider cannot be reached.
     */
    @Bean
    ClientRegistrationRepository oidcClientRegistrations() {
        return new ClientRegistrationRepository() {
            private volatile ClientRegistration registration;

            @Override
            public ClientRegistration findByRegistrationId(String registrationId) {
                if (!REGISTRATION_ID.equals(registrationId)) {
                    return null;
                }
                ClientRegistration r = registration;
                if (r == null) {
                    r = ClientRegistrations.fromIssuerLocation(settings.issuerUri())
                            .registrationId(REGISTRATION_ID).clientName(settings.name())
                            .clientId(settings.clientId()).clientSecret(settings.clientSecret())
                            .scope(settings.scopes())
                            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                            .build();
                    registration = r;
                }
                return r;
            }
        };
    }

    @Bean
    OAuth2UserService<OidcUserRequest, OidcUser> oidcAccounts(UserAccounts accounts, SignInLog log) {
        OidcUserService provider = new OidcUserService();
        return request -> {
            OidcUser user = provider.loadUser(request);
            String value = user.getClaimAsString(settings.claim());
            Optional<ArealbankUser> account = value == null || value.isBlank() ? Optional.empty()
                    : "username".equals(settings.match()) ? accounts.findByUsername(value) : accounts.findByEmail(value);
            SignInDetails details = SignInDetails.current("oidc");
            String who = value == null ? "(" + settings.claim() + " missing, sub " + user.getSubject() + ")" : value;
            if (account.isEmpty()) {
                log.record(who, "unknown_user", details);
                throw new OAuth2AuthenticationException(new OAuth2Error("unknown_user",
                        "No Arealbank user has this " + settings.claim(), null));
            }
            if (!account.get().enabled()) {
                log.record(account.get().username(), "disabled", details);
                throw new OAuth2AuthenticationException(new OAuth2Error("disabled", "The user is deactivated", null));
            }
            return new ArealbankOidcUser(account.get(), user.getIdToken(), user.getUserInfo());
        };
    }

    void configure(HttpSecurity http, ClientRegistrationRepository registrations,
            OAuth2UserService<OidcUserRequest, OidcUser> users, AuthenticationSuccessHandler success,
            AuthenticationFailureHandler failure) throws Exception {
        http.oauth2Login(login -> login
                .loginPage("/login.html")
                .clientRegistrationRepository(registrations)
                .authenticationDetailsSource(SignInDetails.source("oidc"))
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(users))
                .successHandler(success)
                .failureHandler(failure));
    }

    /** All three of issuer URI, client id and client secret are set (a blank environment variable is not). */
    static class Configured extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var env = context.getEnvironment();
            boolean set = StringUtils.hasText(env.getProperty("arealbank.oidc.issuer-uri"))
                    && StringUtils.hasText(env.getProperty("arealbank.oidc.client-id"))
                    && StringUtils.hasText(env.getProperty("arealbank.oidc.client-secret"));
            return set ? ConditionOutcome.match("arealbank.oidc issuer-uri, client-id and client-secret are set")
                    : ConditionOutcome.noMatch("arealbank.oidc issuer-uri, client-id or client-secret is blank");
        }
    }
}
