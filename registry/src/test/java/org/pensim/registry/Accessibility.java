package org.pensim.registry;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.WebDriver;

/**
 * Runs axe-core (Deque's engine, the one browsers' accessibility audits use) on the page the browser shows,
 * and fails on any serious or critical violation, naming each with the elements it concerns.
 */
public final class Accessibility {

    private Accessibility() {
    }

    /** The serious and critical violations on the current page, one readable line each. */
    public static List<String> seriousViolations(WebDriver browser) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
                .analyze(browser);
        return results.getViolations().stream()
                .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact()))
                .map(Accessibility::describe).toList();
    }

    /** Fails with every serious or critical violation of the current page. */
    public static void check(WebDriver browser, String page) {
        List<String> found = seriousViolations(browser);
        if (!found.isEmpty()) {
            throw new AssertionError("axe-core on " + page + " (" + browser.getCurrentUrl() + "):\n" + String.join("\n", found));
        }
    }

    private static String describe(Rule v) {
        String where = v.getNodes().stream().limit(5).map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", "));
        return v.getImpact() + " " + v.getId() + ": " + v.getHelp() + " [" + where + "]";
    }
}
