package no.arealbank.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

import tools.jackson.databind.json.JsonMapper;

/**
 * Reads are public (visibility of drafts is decided per row by the queries); every write needs a signed-in
 * planner or admin. API clients use HTTP Basic and need no CSRF token; browser sessions (form login) do.
 * 401 and 403 leave as problem+json like every other error.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private final JsonMapper json = JsonMapper.builder().build();

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
                .exceptionHandling(ex -> ex.accessDeniedHandler((req, res, e) -> problem(res, HttpStatus.FORBIDDEN,
                        "This resource is read-only", false)))
                .headers(this::headers);
        return http.build();
    }

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
        // CSRF protects ambient credentials, i.e. a browser session cookie. A request that carries its own
        // Authorization header, or no session at all, cannot be forged that way (and then gets a clean 401).
        // So an anonymous enquiry from the map page needs no token, while a POST that carries a session cookie
        // (a signed-in planner's browser lured by another site) needs the token like every other write.
        RequestMatcher csrfRequired = request -> !isSafe(request.getMethod())
                && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && request.getRequestedSessionId() != null;
        http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
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
                        .authenticationEntryPoint((req, res, ex) -> problem(res, HttpStatus.UNAUTHORIZED,
                                "Sign in as a planner to change data (HTTP Basic for API clients)", true)))
                .formLogin(Customizer.withDefaults())
                .logout(Customizer.withDefaults())
                .csrf(csrf -> csrf.spa() // XSRF-TOKEN cookie, echoed by the page as X-XSRF-TOKEN
                        .requireCsrfProtectionMatcher(csrfRequired))
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor((req, res, e) -> problem(res, HttpStatus.UNAUTHORIZED,
                                "Sign in as a planner to change data (HTTP Basic for API clients)", true),
                                request -> request.getRequestURI().startsWith("/api/"))
                        .accessDeniedHandler((req, res, e) -> problem(res, HttpStatus.FORBIDDEN,
                                e.getClass().getSimpleName().contains("Csrf")
                                        ? "Missing or invalid CSRF token" : "Not allowed for your role", false)))
                .headers(this::headers);
        return http.build();
    }

    private void headers(HeadersConfigurer<HttpSecurity> h) {
        h.contentSecurityPolicy(csp -> csp.policyDirectives(
                "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; "
                        + "connect-src 'self' https:; frame-ancestors 'none'"));
    }

    private static boolean isSafe(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || method.equals("TRACE");
    }

    private void problem(HttpServletResponse res, HttpStatus status, String detail, boolean challenge) throws IOException {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setTitle(status == HttpStatus.UNAUTHORIZED ? "Unauthorized" : "Forbidden");
        res.setStatus(status.value());
        if (challenge) {
            res.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Arealbank\"");
        }
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(res.getOutputStream(), pd);
    }

}
