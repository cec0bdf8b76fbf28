using System.Reflection;
using System.Text.RegularExpressions;
using AuthServer.Data;
using AuthServer.Infrastructure;

namespace AuthServer.Tests.Docs;

/// <summary>The documentation drifts from the code only loudly: these fail when a link dangles or a setting goes undocumented.</summary>
public sealed partial class DocumentationTests
{
    private static readonly string Root = RepositoryRoot();

    public static TheoryData<string> Documents() =>
        [.. new[] { "README.md", "bench/README.md" }.Concat(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Select(f => Path.GetRelativePath(Root, f)))];

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryRelativeLink_ResolvesToAFileInTheRepository(string document)
    {
        var path = Path.Combine(Root, document);
        var broken = new List<string>();
        foreach (Match link in MarkdownLink().Matches(File.ReadAllText(path)))
        {
            var target = link.Groups["target"].Value;
            if (target.StartsWith('#') || Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" or "mailto")
            {
                continue;
            }

            var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, Uri.UnescapeDataString(target.Split('#')[0])));
            var inside = resolved.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            if (!inside || !(File.Exists(resolved) || Directory.Exists(resolved)))
            {
                broken.Add(target);
            }
        }

        Assert.Empty(broken);
    }

    [Fact]
    public void EveryConfigurationKey_IsInTheOperationsReference()
    {
        var reference = File.ReadAllText(Path.Combine(Root, "docs", "operations.md"));

        var missing = ConfigurationKeys().Where(key => !reference.Contains($"`{key}`", StringComparison.Ordinal)).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void TheKeysTheCheckLooksFor_IncludeEveryOptionsSection()
    {
        var keys = ConfigurationKeys().ToList();

        Assert.Contains("Auth:AccessTokenLifetime", keys);
        Assert.Contains("Auth:Pruning:BatchSize", keys);
        Assert.Contains("Auth:SigningKeys:RotationPeriod", keys);
        Assert.Contains("Auth:SigningAlgorithm", keys);
        Assert.DoesNotContain("Auth:UsesSharedSecret", keys);
    }

    /// <summary>
    /// Every key an options class binds (its <c>SectionName</c> and each property configuration can set), and the
    /// keys read from configuration directly.
    /// </summary>
    private static IEnumerable<string> ConfigurationKeys()
    {
        var options = typeof(AuthDbContext).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) && t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true });
        foreach (var type in options)
        {
            var section = (string)type.GetField("SectionName")!.GetValue(null)!;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
            {
                yield return $"{section}:{property.Name}";
            }
        }

        yield return $"ConnectionStrings:{DataServiceCollectionExtensions.ConnectionStringName}";
        yield return CorsSetup.AllowedOriginsKey;
        yield return "Kestrel:Limits:MaxRequestBodySize";
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AuthServer.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the repository: AuthServer.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"!?\[[^\]]*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex MarkdownLink();
}
