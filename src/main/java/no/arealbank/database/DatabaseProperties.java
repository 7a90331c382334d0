package no.arealbank.database;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the database is: {@code url} (+ {@code user}, {@code password}) of an external PostgreSQL with PostGIS, or,
 * when {@code url} is blank, a private cluster kept in {@code dataDir}.
 *
 * @param url      JDBC URL of an external database (env AREALBANK_DB_URL); blank = private cluster
 * @param user     user for {@code url} (env AREALBANK_DB_USER)
 * @param password password for {@code url} (env AREALBANK_DB_PASSWORD)
 * @param dataDir  directory of the private cluster (env AREALBANK_DATA_DIR)
 * @param poolSize connections kept open; minimum idle = maximum, so no request pays for a fresh backend
 */
@Validated
@ConfigurationProperties("arealbank.db")
record DatabaseProperties(
        @Pattern(regexp = "^$|^jdbc:postgresql:.*", message = "must be blank or a JDBC URL such as "
                + "jdbc:postgresql://localhost:5432/arealbank") @Nullable String url,
        @Nullable String user,
        @Nullable String password,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("10") @Min(1) @Max(100) int poolSize) {

    boolean external() {
        return url != null && !url.isBlank();
    }

    @Override
    public String toString() {
        return "DatabaseProperties[url=" + url + ", user=" + user + ", password=" + (password == null || password.isEmpty() ? "" : "***")
                + ", dataDir=" + dataDir + ", poolSize=" + poolSize + "]";
    }
}
