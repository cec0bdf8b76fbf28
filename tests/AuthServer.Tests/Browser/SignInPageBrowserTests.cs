using AuthServer.Tests.Infrastructure;
using HttpStatusCode = System.Net.HttpStatusCode;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AuthServer.Tests.Browser;

/// <summary>The sign-in page and auth-client.js in headless Chromium against the real server on 127.0.0.1.</summary>
public sealed class SignInPageBrowserTests(BrowserServer fixture) : IClassFixture<BrowserServer>
{
    // Loads a second, test-owned instance of the client module into the page, next to the page's own.
    private const string CreateTestClient =
        "async () => { const { createAuthClient } = await import('/auth-client.js'); window.testAuth = createAuthClient(); return await window.testAuth.refresh(); }";

    [BrowserFact]
    public async Task SignUp_ThroughThePage_SignsInAndKeepsTheRefreshTokenAwayFromScript()
    {
        var (context, page) = await OpenAsync();
        await SignUpAsync(page, TestUser.Unique());

        await Assertions.Expect(page.Locator("#signed-in")).ToBeVisibleAsync();
        var documentCookie = await page.EvaluateAsync<string>("() => document.cookie");
        var cookies = await context.CookiesAsync();
        var refreshCookie = Assert.Single(cookies, c => c.Name == "__Secure-refresh_token");
        Assert.True(refreshCookie.HttpOnly);
        Assert.DoesNotContain(refreshCookie.Value, documentCookie, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh_token", documentCookie, StringComparison.Ordinal);
        await page.ClickAsync("#call");
        await Assertions.Expect(page.Locator("#resource")).ToContainTextAsync("Here is your resource.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserServer.ScreenshotFolder, "signed-in.png") });
        await context.CloseAsync();
    }

    [BrowserFact]
    public async Task ExpiredAccessToken_ThreeConcurrentCalls_CauseExactlyOneRefreshAndAllSucceed()
    {
        var (context, page) = await OpenAsync();
        await SignUpAsync(page, TestUser.Unique());
        Assert.True(await page.EvaluateAsync<bool>(CreateTestClient));
        var refreshes = 0;
        page.Request += (_, request) => refreshes += request.Url.EndsWith("/refresh-token", StringComparison.Ordinal) ? 1 : 0;

        fixture.Server.Clock.Advance(TimeSpan.FromMinutes(16));
        var statuses = await page.EvaluateAsync<int[]>(
            "() => Promise.all([1, 2, 3].map(() => window.testAuth.fetchWithToken('/protected-resource').then(r => r.status)))");

        Assert.Equal([200, 200, 200], statuses);
        Assert.Equal(1, refreshes);
        await context.CloseAsync();
    }

    [BrowserFact]
    public async Task TwoTabs_RefreshingAtTheSameMoment_BothStaySignedInOnOneSession()
    {
        var context = await fixture.Browser.NewContextAsync();
        var first = await context.NewPageAsync();
        await first.GotoAsync(fixture.Address.ToString());
        await SignUpAsync(first, TestUser.Unique());
        var second = await context.NewPageAsync();
        await second.GotoAsync(fixture.Address.ToString());
        await Assertions.Expect(second.Locator("#signed-in")).ToBeVisibleAsync();
        Assert.True(await first.EvaluateAsync<bool>(CreateTestClient));
        Assert.True(await second.EvaluateAsync<bool>(CreateTestClient));

        var both = await Task.WhenAll(first.EvaluateAsync<bool>("() => window.testAuth.refresh()"), second.EvaluateAsync<bool>("() => window.testAuth.refresh()"));

        Assert.Equal([true, true], both);
        var sessions = new List<string>();
        foreach (var page in new[] { first, second })
        {
            Assert.Equal(200, await page.EvaluateAsync<int>("() => window.testAuth.fetchWithToken('/protected-resource').then(r => r.status)"));
            sessions.Add(await page.EvaluateAsync<string>("() => JSON.parse(atob(window.testAuth.state.accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).sid"));
        }

        Assert.Single(sessions.Distinct());
        await first.ScreenshotAsync(new() { Path = Path.Combine(BrowserServer.ScreenshotFolder, "two-tabs.png") });
        await context.CloseAsync();
    }

    [BrowserFact]
    public async Task SignOut_MakesTheNextCallAndTheNextRefreshFail()
    {
        var (context, page) = await OpenAsync();
        await SignUpAsync(page, TestUser.Unique());
        Assert.True(await page.EvaluateAsync<bool>(CreateTestClient));
        var cookieBeforeLogout = Assert.Single(await context.CookiesAsync(), c => c.Name == "__Secure-refresh_token");

        await page.ClickAsync("#logout");
        await Assertions.Expect(page.Locator("#signed-out")).ToBeVisibleAsync();

        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "__Secure-refresh_token");
        Assert.Equal(401, await page.EvaluateAsync<int>("() => window.testAuth.fetchWithToken('/protected-resource').then(r => r.status)"));
        Assert.False(await page.EvaluateAsync<bool>("() => window.testAuth.state.signedIn"));
        // Put the old cookie back, as a thief who copied it would: the server refuses it too.
        await context.AddCookiesAsync([new Cookie
        {
            Name = cookieBeforeLogout.Name,
            Value = cookieBeforeLogout.Value,
            Domain = cookieBeforeLogout.Domain,
            Path = cookieBeforeLogout.Path,
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteAttribute.Strict,
        }]);
        Assert.Equal(401, await page.EvaluateAsync<int>(
            "() => fetch('/refresh-token', { method: 'POST', headers: { 'X-Requested-With': 'test' } }).then(r => r.status)"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserServer.ScreenshotFolder, "signed-out.png") });
        await context.CloseAsync();
    }

    [BrowserFact]
    public async Task PageOnAnotherOrigin_CannotRefreshWithTheCookie()
    {
        var (context, page) = await OpenAsync();
        await SignUpAsync(page, TestUser.Unique());
        var consumedBefore = await ConsumedTokensAsync();
        var other = await context.NewPageAsync();
        await other.GotoAsync(fixture.OtherOrigin.ToString());
        var target = new Uri(fixture.Address, "/refresh-token").ToString();

        var withHeader = await other.EvaluateAsync<string>(
            "url => fetch(url, { method: 'POST', credentials: 'include', headers: { 'X-Requested-With': 'x' } }).then(r => 'status ' + r.status, e => 'blocked')", target);
        await other.EvaluateAsync<string>(
            "url => fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include', body: 'x' }).then(r => r.type, e => 'blocked')", target);

        Assert.Equal("blocked", withHeader);
        Assert.Equal(consumedBefore, await ConsumedTokensAsync());
        await Assertions.Expect(page.Locator("#signed-in")).ToBeVisibleAsync();
        await context.CloseAsync();
    }

    [BrowserFact]
    public async Task SessionList_ShowsBothSessionsMarksItsOwn_AndEndingTheOtherKillsItsTokens()
    {
        var (context, page) = await OpenAsync();
        var policyViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                policyViolations.Add(message.Text);
            }
        };
        var user = TestUser.Unique();
        await SignUpAsync(page, user);
        using var laptop = HttpClientAs("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0");
        var other = await laptop.LoginAsync(user);
        var own = page.Locator($"#sessions li[data-session-id='{await page.Locator("#session-id").TextContentAsync()}']");
        var theirs = page.Locator($"#sessions li[data-session-id='{AccessTokenReader.SessionIdOf(other.AccessToken)}']");

        await page.ClickAsync("#sessions-refresh");

        await Assertions.Expect(page.Locator("#sessions li")).ToHaveCountAsync(2);
        await Assertions.Expect(own.Locator(".badge")).ToHaveTextAsync("this device");
        await Assertions.Expect(own.Locator(".device")).ToContainTextAsync("Chrome");
        await Assertions.Expect(own.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Assertions.Expect(theirs.Locator(".device")).ToHaveTextAsync("Firefox 140 on Windows");
        await Assertions.Expect(theirs.Locator(".badge")).ToHaveCountAsync(0);
        await Assertions.Expect(theirs.Locator("dd").First).ToHaveTextAsync("127.0.0.1");
        await Assertions.Expect(theirs.Locator("time")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserServer.ScreenshotFolder, "sessions.png"), FullPage = true });

        await theirs.GetByRole(AriaRole.Button, new() { Name = "End" }).ClickAsync();

        await Assertions.Expect(page.Locator("#sessions li")).ToHaveCountAsync(1);
        await Assertions.Expect(own).ToBeVisibleAsync();
        await (await laptop.PostRefreshAsync(other.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        (await laptop.GetProtectedAsync(other.AccessToken)).AssertInvalidTokenChallenge();
        await page.ClickAsync("#call");
        await Assertions.Expect(page.Locator("#resource")).ToContainTextAsync("Here is your resource.");
        Assert.Empty(policyViolations);
        await context.CloseAsync();
    }

    [BrowserFact]
    public async Task SignOutEverywhere_SignsThePageOutClearsTheCookie_AndEndsTheOtherSession()
    {
        var (context, page) = await OpenAsync();
        var user = TestUser.Unique();
        await SignUpAsync(page, user);
        Assert.True(await page.EvaluateAsync<bool>(CreateTestClient));
        // The user agent is the other device's to choose: the page must show it as text, never as markup.
        const string hostileUserAgent = "<img src=x onerror=\"document.title='owned'\">";
        using var other = HttpClientAs(hostileUserAgent);
        var otherTokens = await other.LoginAsync(user);
        await page.ClickAsync("#sessions-refresh");
        await Assertions.Expect(page.Locator("#sessions li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#sessions .device", new() { HasText = "<img src=x" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#sessions img")).ToHaveCountAsync(0);
        Assert.NotEqual("owned", await page.TitleAsync());

        await page.ClickAsync("#logout-all");

        await Assertions.Expect(page.Locator("#signed-out")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync("Signed out on every device.");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "__Secure-refresh_token");
        Assert.Equal(401, await page.EvaluateAsync<int>("() => window.testAuth.fetchWithToken('/protected-resource').then(r => r.status)"));
        (await other.GetProtectedAsync(otherTokens.AccessToken)).AssertInvalidTokenChallenge();
        await (await other.PostRefreshAsync(otherTokens.RefreshToken!)).AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_grant");
        var refreshAfterReload = await page.RunAndWaitForResponseAsync(() => page.ReloadAsync(), r => r.Url.EndsWith("/refresh-token", StringComparison.Ordinal));
        Assert.Null(await refreshAfterReload.Request.HeaderValueAsync("cookie"));
        Assert.False(refreshAfterReload.Ok);
        await Assertions.Expect(page.Locator("#signed-out")).ToBeVisibleAsync();
        await context.CloseAsync();
    }

    private async Task<(IBrowserContext Context, IPage Page)> OpenAsync()
    {
        var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Address.ToString());
        return (context, page);
    }

    private static async Task SignUpAsync(IPage page, TestUser user)
    {
        await page.ClickAsync("#tab-register");
        await page.FillAsync("#username", user.Username);
        await page.FillAsync("#password", user.Password);
        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator("#signed-in")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync(user.Username);
    }

    /// <summary>Another device of the user: plain HTTP to the same server, with its own user agent.</summary>
    private HttpClient HttpClientAs(string userAgent)
    {
        var client = new HttpClient { BaseAddress = fixture.Address };
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        return client;
    }

    private Task<int> ConsumedTokensAsync() => fixture.Server.QueryAsync(db => db.RefreshTokens.CountAsync(t => t.ConsumedAtUtc != null));
}
