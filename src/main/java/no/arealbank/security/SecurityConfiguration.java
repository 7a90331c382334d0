package no.arealbank.security;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import tools.jackson.databind.json.JsonMapper;

/**
 * Reads are public (visibility of drafts is decided per row by the queries); every write needs a signed-in
 * planner or admin. API clients use HTTP Basic and need no CSRF token; browser sessions (the sign-in page, or
 * OpenID Connect when configured) do. Every sign-in passes the lockout and is recorded. 401 and 403 leave as
 * problem+json like every other error.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Pattern SAFE_CONTINUE = Pattern.compile("/[A-Za-z0-9._~/?=&%+-]*");

    // the mixin writes a problem's properties (e.g. "reason") at the top level, as Spring MVC's own converter does
    private final JsonMapper json = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

    /**
     * No Micrometer observation around each of Spring Security's filters: with the actuator's registry present it
     * wraps every filter of every request, and on a light tile that cost more than the rest of the chain
     * (bench/tiles). Requests are still observed as a whole (http.server.requests), and sign-ins are in the
     * sign_in table.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder(); // bcrypt by default
    }

    /**
     * Public, read-only resources (tiles, the OGC APIs): no session, no CSRF cookie, no sign-in, so an answer is the
     * same for everyone and an HTTP cache or CDN in front may keep it. Nothing there changes data; other methods are
     * refused.
     */
    @Bean
    @Order(1)
    SecurityFilterChain publicReadOnly(HttpSecurity http) throws Exception {
        http
                .securityMatcher("/tiles", "/tiles/**", "/ogc", "/ogc/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/**").permitAll()
                        .requestMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        .anyRequest().denyAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(ex -> ex.accessDeniedHandler((req, res, e) -> problem(res, HttpStatus.FORBIDDEN,
                        "This resource is read-only", false, null)))
                .headers(this::headers);
        return http.build();
    }

    /**
     * Username and password sign-in (form and HTTP Basic) against the built-in user store, behind the lockout. As
     * the only AuthenticationProvider bean it becomes the global authentication manager's one provider, so no other
     * password check can be reached around the lock.
     */
    @Bean
    AuthenticationProvider signInProvider(UserAccounts users, PasswordEncoder encoder, SignInThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        return new LockoutAuthenticationProvider(passwords, throttle);
    }

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, UserAccounts users, ObjectProvider<OidcSignIn> oidc,
            ObjectProvider<ClientRegistrationRepository> registrations,
            ObjectProvider<OAuth2UserService<OidcUserRequest, OidcUser>> oidcUsers) throws Exception {
        // CSRF protects ambient credentials, i.e. a browser session cookie. A request that carries its own
        // Authorization header, or no session at all, cannot be forged that way (and then gets a clean 401).
        // So an anonymous enquiry from the map page needs no token, while a POST that carries a session cookie
        // (a signed-in planner's browser lured by another site) needs the token like every other write.
        // The sign-in form always needs it: otherwise another site could sign a visitor in as the attacker.
        RequestMatcher csrfRequired = request -> !isSafe(request.getMethod())
                && (isSignInForm(request) || request.getHeader(HttpHeaders.AUTHORIZATION) == null
                        && request.getRequestedSessionId() != null);
        http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers("/api/admin", "/api/admin/**").hasRole("ADMIN")
                        .requestMatchers("/api/me", "/api/me/**").authenticated()
                        .requestMatchers(HttpMethod.GET, "/api/plots/*/history").hasRole("PLANNER")
                        // enquiries: anyone may send one (the map page, without signing in); only planners read them
                        .requestMatchers(HttpMethod.POST, "/api/enquiries").permitAll()
                        .requestMatchers("/api/enquiries", "/api/enquiries/**").hasRole("PLANNER")
                        .requestMatchers(HttpMethod.GET, "/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/**").permitAll()
                        .requestMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        .requestMatchers("/login", "/logout").permitAll()
                        .requestMatchers("/api/**").hasRole("PLANNER")
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("Arealbank")
                        .authenticationDetailsSource(SignInDetails.source("basic"))
                        .authenticationEntryPoint(this::unauthorized))
                .formLogin(form -> form.loginPage("/login.html").loginProcessingUrl("/login")
                        .authenticationDetailsSource(SignInDetails.source("form"))
                        .successHandler(this::signedIn)
                        .failureHandler(this::signInFailed)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").deleteCookies("JSESSIONID")
                        // back to the map page, for a form post and a script's fetch alike
                        .logoutSuccessHandler(toMapPage()))
                // a new session id at sign-in, so a session id planted before cannot ride along (session fixation)
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .csrf(csrf -> csrf.spa() // XSRF-TOKEN cookie, echoed by the page as X-XSRF-TOKEN
                        .requireCsrfProtectionMatcher(csrfRequired))
                .addFilterAfter(new AccountStateFilter(users), SecurityContextHolderFilter.class)
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor(this::unauthorized,
                                request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/"))
                        .accessDeniedHandler((req, res, e) -> problem(res, HttpStatus.FORBIDDEN,
                                e.getClass().getSimpleName().contains("Csrf")
                                        ? "Missing or invalid CSRF token" : "Not allowed for your role", false, null)))
                .headers(this::headers);
        OidcSignIn signIn = oidc.getIfAvailable();
        if (signIn != null) {
            signIn.configure(http, registrations.getObject(), oidcUsers.getObject(), this::signedIn,
                    this::oidcSignInFailed);
        }
        return http.build();
    }

    private static SimpleUrlLogoutSuccessHandler toMapPage() {
        SimpleUrlLogoutSuccessHandler handler = new SimpleUrlLogoutSuccessHandler();
        handler.setDefaultTargetUrl("/");
        handler.setAlwaysUseDefaultTargetUrl(true);
        return handler;
    }

    /** GET /login (the address people and the old default page used) shows the sign-in page. */
    @Bean
    WebMvcConfigurer signInPage() {
        return new WebMvcConfigurer() {
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addRedirectViewController("/login", "/login.html").setKeepQueryParams(true);
            }
        };
    }

    /** After signing in: the page named by {@code continue} if it is a path on this site, else the workspace. */
    private void signedIn(HttpServletRequest req, HttpServletResponse res, Authentication auth) throws IOException {
        res.sendRedirect(req.getContextPath() + continueTarget(req.getParameter("continue")));
    }

    static String continueTarget(String target) {
        if (target == null || !SAFE_CONTINUE.matcher(target).matches() || target.startsWith("//")) {
            return "/planner.html";
        }
        return target;
    }

    /** Back to the sign-in page with the reason it can translate: a lock is told apart, everything else is not. */
    private void signInFailed(HttpServletRequest req, HttpServletResponse res, AuthenticationException e)
            throws IOException {
        String reason = e instanceof LockedException ? "locked" : "credentials";
        String target = req.getParameter("continue");
        String query = "error=" + reason + (target == null || target.isBlank() ? ""
                : "&continue=" + URLEncoder.encode(continueTarget(target), StandardCharsets.UTF_8));
        res.sendRedirect(req.getContextPath() + "/login.html?" + query);
    }

    private void oidcSignInFailed(HttpServletRequest req, HttpServletResponse res, AuthenticationException e)
            throws IOException {
        String code = e instanceof OAuth2AuthenticationException o ? o.getError().getErrorCode() : "";
        String reason = code.equals("unknown_user") || code.equals("disabled") ? "unknown" : "oidc";
        res.sendRedirect(req.getContextPath() + "/login.html?error=" + reason);
    }

    /**
     * 401 as problem+json. API clients get the Basic challenge; the pages' own requests (browsers send
     * Sec-Fetch-Mode) do not, so the browser never pops up its password dialog over the sign-in page. A locked
     * sign-in says so ({@code reason: locked}); other failures all read the same.
     */
    private void unauthorized(HttpServletRequest req, HttpServletResponse res, AuthenticationException e)
            throws IOException {
        boolean fromPage = req.getHeader("Sec-Fetch-Mode") != null
                || "XMLHttpRequest".equals(req.getHeader("X-Requested-With"));
        boolean locked = e instanceof LockedException;
        String reason = locked ? "locked" : e instanceof InsufficientAuthenticationException ? "unauthenticated"
                : "bad_credentials";
        problem(res, HttpStatus.UNAUTHORIZED, locked ? "Too many failed sign-ins; this sign-in is locked for a while"
                : "Sign in as a planner to change data (HTTP Basic for API clients)", !fromPage, reason);
    }

    private static boolean isSignInForm(HttpServletRequest request) {
        return "POST".equals(request.getMethod())
                && (request.getContextPath() + "/login").equals(request.getRequestURI());
    }

    private void headers(HeadersConfigurer<HttpSecurity> h) {
        h.contentSecurityPolicy(csp -> csp.policyDirectives(
                "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; "
                        + "connect-src 'self' https:; frame-ancestors 'none'"));
    }

    private static boolean isSafe(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || method.equals("TRACE");
    }

    private void problem(HttpServletResponse res, HttpStatus status, String detail, boolean challenge, String reason)
            throws IOException {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setTitle(status == HttpStatus.UNAUTHORIZED ? "Unauthorized" : "Forbidden");
        if (reason != null) {
            pd.setProperty("reason", reason);
        }
        res.setStatus(status.value());
        if (challenge) {
            res.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Arealbank\"");
        }
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(res.getOutputStream(), pd);
    }

}
