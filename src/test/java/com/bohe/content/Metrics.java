package com.bohe.content;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;

/** What /q/metrics says, read as Prometheus would. */
public final class Metrics {

    private Metrics() {
    }

    /** The sum of a metric's samples whose labels contain every fragment given, from /q/metrics. */
    public static double sum(String name, String... labels) {
        OptionalDouble sum = find(name, labels);
        assertTrue(sum.isPresent(), "no sample of " + name + " with " + String.join(", ", labels));
        return sum.getAsDouble();
    }

    /** The same sum, 0 when no sample has those labels yet (a timer is made by its first request). */
    public static double sumOrZero(String name, String... labels) {
        return find(name, labels).orElse(0);
    }

    private static OptionalDouble find(String name, String... labels) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            String head = line.substring(0, line.lastIndexOf(' '));
            boolean all = true;
            for (String label : labels) {
                all &= head.contains(label);
            }
            if (all) {
                found = true;
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }
}
