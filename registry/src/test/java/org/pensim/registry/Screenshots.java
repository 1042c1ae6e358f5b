package org.pensim.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * Screenshots the browser tests take of each page they walk, in the module's {@code target/screenshots/}; the
 * current ones are copied to {@code docs/screenshots/} so a reader sees the pages.
 */
public final class Screenshots {

    private Screenshots() {
    }

    public static Path save(WebDriver browser, String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            Path file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot save the screenshot " + name + ": " + e.getMessage(), e);
        }
    }
}
