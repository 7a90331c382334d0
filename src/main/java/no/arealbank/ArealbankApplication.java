package no.arealbank;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling // the enquiry retention job
public class ArealbankApplication {

    public static void main(String[] args) {
        SpringApplication.run(ArealbankApplication.class, args);
    }
}
