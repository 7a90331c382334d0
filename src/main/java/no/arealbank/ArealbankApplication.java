package no.arealbank;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ArealbankApplication {

    public static void main(String[] args) {
        SpringApplication.run(ArealbankApplication.class, args);
    }
}
