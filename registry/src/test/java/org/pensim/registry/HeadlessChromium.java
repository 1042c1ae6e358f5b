package org.pensim.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's Chromium and ChromeDriver (which .ci/run installs), headless, for the browser tests of every module. */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    public static WebDriver start() throws IOException {
        Path profile = Files.createTempDirectory("pensim-chromium");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(
                new java.io.File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
    }
}
