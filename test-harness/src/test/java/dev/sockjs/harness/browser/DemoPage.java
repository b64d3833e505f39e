package dev.sockjs.harness.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.By;

/** What the tests do with the demo page, in the words of a person using it. */
public final class DemoPage {

    private final Chromium browser;

    public DemoPage(Chromium browser) {
        this.browser = browser;
    }

    /** Opens the page with {@code transport} picked; the page connects the echo service at once. */
    public DemoPage open(String baseUrl, String transport) {
        browser.open(baseUrl + "?transport=" + transport);
        browser.awaitJs("window.demo && window.demo.echo.state === 'open'");
        return this;
    }

    /** Picks another transport and presses Connect. */
    public void connectOver(String transport) {
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("transport")))
                .selectByVisibleText(transport);
        browser.driver().findElement(By.id("connect")).click();
        browser.awaitJs("window.demo.echo.state === 'open' && window.demo.echo.transport === " + quoted(transport));
    }

    /** Waits until the chat is joined to {@code room} as {@code nick} over {@code transport}. */
    public void awaitChatOver(String transport, String nick, String room) {
        browser.awaitJs("window.demo.chat.state === " + quoted("joined " + room + " as " + nick)
                + " && window.demo.chat.transport === " + quoted(transport));
        assertEquals(transport, browser.driver().findElement(By.id("chat-transport")).getText());
    }

    /** The frame log's lines, oldest first. */
    public List<String> frameLog() {
        List<String> lines = new java.util.ArrayList<>(browser.driver().findElements(By.cssSelector("#log li span"))
                .stream().map(line -> line.getText()).toList());
        java.util.Collections.reverse(lines);
        return lines;
    }

    public String transportInUse() {
        return browser.driver().findElement(By.id("transport-in-use")).getText();
    }

    /** Types a message for the echo service and waits for it to come back. */
    public void echo(String text) {
        browser.driver().findElement(By.id("echo-text")).sendKeys(text);
        browser.driver().findElement(By.id("echo-send")).click();
        browser.awaitJs("window.demo.echo.lastEcho === " + quoted(text));
        assertEquals(text, browser.driver().findElement(By.id("last-echo")).getText());
    }

    /** Waits for a round-trip time to be shown. */
    public String roundTrip() {
        browser.awaitJs("window.demo.echo.rtt !== null");
        return browser.driver().findElement(By.id("rtt")).getText();
    }

    public void join(String nick, String room) {
        browser.driver().findElement(By.id("nick")).sendKeys(nick);
        var roomField = browser.driver().findElement(By.id("room"));
        roomField.clear();
        roomField.sendKeys(room);
        browser.driver().findElement(By.id("join")).click();
        browser.awaitJs("window.demo.chat.state === " + quoted("joined " + room + " as " + nick));
    }

    /** Waits until the member list is exactly {@code members}. */
    public void awaitMembers(List<String> members) {
        browser.awaitJs("JSON.stringify(window.demo.chat.members) === " + quoted(toJson(members)));
    }

    public void say(String text) {
        browser.driver().findElement(By.id("say-text")).sendKeys(text);
        browser.driver().findElement(By.id("say")).click();
    }

    public void whisper(String to, String text) {
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("private-to")))
                .selectByVisibleText(to);
        browser.driver().findElement(By.id("private-text")).sendKeys(text);
        browser.driver().findElement(By.id("private-send")).click();
    }

    /** Waits for a chat message of {@code type} from {@code nick} with {@code text}. */
    public void awaitMessage(String type, String nick, String text) {
        browser.awaitJs("window.demo.chat.messages.some(function (m) { return m.type === " + quoted(type)
                + " && m.nick === " + quoted(nick) + " && m.text === " + quoted(text) + "; })");
    }

    public void screenshot(Path file) throws java.io.IOException {
        browser.screenshot(file);
    }

    private static String quoted(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String toJson(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            sb.append(i > 0 ? "," : "").append('"').append(items.get(i)).append('"');
        }
        return sb.append(']').toString();
    }
}
