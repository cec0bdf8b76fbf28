using AuthServer.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AuthServer.Tests.Browser;

/// <summary>The admin page at <c>/admin</c> in headless Chromium against the real server on 127.0.0.1.</summary>
public sealed class AdminPageBrowserTests(BrowserServer fixture) : IClassFixture<BrowserServer>
{
    [BrowserFact]
    public async Task Administrator_FindsAUserGrantsARoleAndDisablesThem_AndTheUsersTabReportsSignedOutAtItsNextCall()
    {
        var user = TestUser.Unique();
        var userContext = await fixture.Browser.NewContextAsync();
        var userPage = await userContext.NewPageAsync();
        await userPage.GotoAsync(fixture.Address.ToString());
        await SignUpAsync(userPage, user);
        var administrator = await RegisterAdministratorAsync();
        var adminContext = await fixture.Browser.NewContextAsync();
        var page = await adminContext.NewPageAsync();
        var policyViolations = RecordPolicyViolations(page);
        await SignInOnTheAdminPageAsync(page, administrator);
        await Assertions.Expect(page.Locator("#console")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync(administrator.Username);

        await page.FillAsync("#query", user.Username[5..].ToUpperInvariant());
        await page.ClickAsync("#search-submit");

        var row = page.Locator($"#users li[data-username='{user.Username}']");
        await Assertions.Expect(page.Locator("#users li")).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator(".device strong")).ToHaveTextAsync(user.Username);
        await Assertions.Expect(row.Locator(".roles")).ToHaveTextAsync("none");
        await Assertions.Expect(row.Locator(".live-sessions")).ToHaveTextAsync("1");

        await row.GetByRole(AriaRole.Textbox, new() { Name = $"Role to grant to {user.Username}" }).FillAsync("editor");
        await row.GetByRole(AriaRole.Button, new() { Name = "Grant role" }).ClickAsync();

        await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync($"Granted the role editor to {user.Username}.");
        await Assertions.Expect(row.Locator(".role")).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator(".role")).ToContainTextAsync("editor");
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Remove the role editor from {user.Username}" })).ToBeVisibleAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = $"Disable {user.Username}" }).ClickAsync();

        await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync($"Disabled {user.Username}: every session of theirs has ended.");
        await Assertions.Expect(row.Locator(".badge")).ToHaveTextAsync("disabled");
        await Assertions.Expect(row.Locator(".live-sessions")).ToHaveTextAsync("0");
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Enable {user.Username}" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserServer.ScreenshotFolder, "admin.png"), FullPage = true });

        await userPage.ClickAsync("#call");

        await Assertions.Expect(userPage.Locator("#signed-out")).ToBeVisibleAsync();
        await Assertions.Expect(userPage.Locator("#signed-in")).ToBeHiddenAsync();
        Assert.Empty(policyViolations);
        await adminContext.CloseAsync();
        await userContext.CloseAsync();
    }

    [BrowserFact]
    public async Task Administrator_SeesThemselvesWithoutADisableButton_AndPagesThroughUsers()
    {
        var administrator = await RegisterAdministratorAsync();
        using var http = new HttpClient { BaseAddress = fixture.Address };
        var tag = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 21; i++)
        {
            await http.RegisterAsync(new TestUser($"page{i:D2}-{tag}", TestUser.DefaultPassword));
        }

        var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInOnTheAdminPageAsync(page, administrator);
        var own = page.Locator($"#users li[data-username='{administrator.Username}']");
        await page.FillAsync("#query", administrator.Username);
        await page.ClickAsync("#search-submit");
        await Assertions.Expect(own.Locator(".badge")).ToHaveTextAsync("you");
        await Assertions.Expect(own.GetByRole(AriaRole.Button, new() { Name = $"Disable {administrator.Username}" })).ToHaveCountAsync(0);

        await page.FillAsync("#query", tag);
        await page.ClickAsync("#search-submit");
        await Assertions.Expect(page.Locator("#users li")).ToHaveCountAsync(20);
        await page.ClickAsync("#more");

        await Assertions.Expect(page.Locator("#users li")).ToHaveCountAsync(21);
        await Assertions.Expect(page.Locator("#more")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#users li").Last).ToHaveAttributeAsync("data-username", $"page20-{tag}");
        await context.CloseAsync();
    }

    [BrowserFact]
    public async Task UserWithoutTheAdminRole_IsToldSo()
    {
        var user = TestUser.Unique();
        using var http = new HttpClient { BaseAddress = fixture.Address };
        await http.RegisterAsync(user);
        var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await SignInOnTheAdminPageAsync(page, user);

        await Assertions.Expect(page.Locator("#not-admin")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#not-admin-who")).ToHaveTextAsync(user.Username);
        await Assertions.Expect(page.Locator("#console")).ToBeHiddenAsync();
        await context.CloseAsync();
    }

    private async Task<TestUser> RegisterAdministratorAsync()
    {
        var administrator = TestUser.Unique();
        using var http = new HttpClient { BaseAddress = fixture.Address };
        await http.RegisterAsync(administrator);
        await fixture.Server.GrantRoleAsync(administrator, AdministrationExtensions.AdminRole);
        return administrator;
    }

    private async Task SignInOnTheAdminPageAsync(IPage page, TestUser user)
    {
        await page.GotoAsync(new Uri(fixture.Address, "/admin").ToString());
        await page.FillAsync("#username", user.Username);
        await page.FillAsync("#password", user.Password);
        await page.ClickAsync("#submit");
    }

    private static List<string> RecordPolicyViolations(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        return violations;
    }

    private static async Task SignUpAsync(IPage page, TestUser user)
    {
        await page.ClickAsync("#tab-register");
        await page.FillAsync("#username", user.Username);
        await page.FillAsync("#password", user.Password);
        await page.ClickAsync("#submit");
        await Assertions.Expect(page.Locator("#signed-in")).ToBeVisibleAsync();
    }
}
