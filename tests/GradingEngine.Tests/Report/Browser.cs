using Microsoft.Playwright;

namespace GradingEngine.Tests.Report;

/// <summary>
/// A headless Chromium driven by Playwright: the system's <c>chromium</c> (Playwright downloads no browser here),
/// found from <c>GRADINGENGINE_CHROMIUM</c> or the usual paths. Without one the test is ignored, except in CI
/// (<c>CI</c> set), where it fails: CI installs chromium (<c>.ci/with-chromium</c>).
/// </summary>
internal sealed class Browser : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium", "/usr/bin/google-chrome"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser) => (_playwright, _browser) = (playwright, browser);

    /// <summary>The chromium executable, or null.</summary>
    public static string? Executable =>
        Environment.GetEnvironmentVariable("GRADINGENGINE_CHROMIUM") is { Length: > 0 } named ? named : Candidates.FirstOrDefault(File.Exists);

    public static async Task<Browser> Launch()
    {
        var executable = Executable;
        if (executable is null || !File.Exists(executable))
        {
            var message = $"no chromium found (GRADINGENGINE_CHROMIUM='{Environment.GetEnvironmentVariable("GRADINGENGINE_CHROMIUM")}', looked in {string.Join(", ", Candidates)}); "
                + "install it with: apt-get install -y chromium";
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                Assert.Fail("CI runs the browser tests: " + message);
            }

            Assert.Ignore("Browser test skipped locally: " + message);
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        return new Browser(playwright, browser);
    }

    /// <summary>Opens a local file offline; every console error, page error, dialog and request for anything but the file itself is recorded in <paramref name="problems"/>.</summary>
    public async Task<IPage> Open(string file, List<string> problems)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { Offline = true, JavaScriptEnabled = true, ViewportSize = new() { Width = 1100, Height = 900 } });
        var page = await context.NewPageAsync();
        var url = new Uri(Path.GetFullPath(file)).AbsoluteUri;
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.Dialog += (_, dialog) => problems.Add("dialog: " + dialog.Message);
        page.Request += (_, request) =>
        {
            if (request.Url != url)
            {
                problems.Add("request: " + request.Url);
            }
        };
        var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.That(response?.Ok ?? true, Is.True, url);
        return page;
    }

    /// <summary>A full-page screenshot kept with the test's results.</summary>
    public static async Task Screenshot(IPage page, string name)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
