package dev.sluice.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a generated pom's AWS SDK dependencies, for the tests of what goes into the deployable jar. */
final class PomScopes {
    private PomScopes() {}

    /** The scope of the pom's software.amazon.awssdk dependency {@code artifact}: "compile" when it names none. */
    static String awsSdkScope(String pom, String artifact) {
        Matcher dependency = Pattern.compile("<dependency>\\s*<groupId>software\\.amazon\\.awssdk</groupId>\\s*"
                + "<artifactId>" + artifact + "</artifactId>(.*?)</dependency>", Pattern.DOTALL).matcher(pom);
        assertTrue(dependency.find(), "a software.amazon.awssdk:" + artifact + " dependency");
        Matcher scope = Pattern.compile("^\\s*<scope>(\\w+)</scope>", Pattern.MULTILINE).matcher(dependency.group(1));
        return scope.find() ? scope.group(1) : "compile";
    }
}
