namespace AuthServer.Tests.Browser;

/// <summary>
/// A test that drives Chromium. Without Chromium it is skipped on a developer's machine, but in CI
/// (<c>CI=true</c>, where .ci/run installs Chromium) it runs and a missing browser fails it.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!inCi && !File.Exists(ChromiumPath))
        {
            Skip = $"Chromium is not installed at {ChromiumPath} (apt-get install chromium); CI runs this test.";
        }
    }
}
