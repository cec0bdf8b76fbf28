using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AuthServer.Infrastructure;

/// <summary>
/// A configuration the server refuses ends the process at start with exit code 1 and one line on standard error that
/// names the setting and what to do, not an unhandled exception, a stack trace and an abort (API.md, Abuse).
/// </summary>
public static partial class StartupRefusal
{
    public const int ExitCode = 1;

    /// <summary>
    /// Runs the settings checks (every <c>ValidateOnStart</c>) and returns the line to print, or null when they pass. Called
    /// right after the app is built, before anything reads the options or the host starts (which would log the refusal
    /// with its stack trace first).
    /// </summary>
    public static string? Check(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return null;
        }
        catch (Exception exception) when (Failures(exception) is { Count: > 0 } failures)
        {
            return Describe(failures);
        }
    }

    /// <summary>Prints <paramref name="refusal"/> (from <see cref="Check"/>) on standard error; returns the exit code.</summary>
    public static async Task<int> ReportAsync(string refusal)
    {
        await Console.Error.WriteLineAsync(refusal);
        return ExitCode;
    }

    /// <summary>Runs the server until it stops; returns the process exit code.</summary>
    public static async Task<int> RunAsync(WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception exception)
        {
            // Not a setting: the host has logged the details; end with a line and an exit code rather than an abort.
            await Console.Error.WriteLineAsync($"AuthServer stopped: {exception.GetType().Name}: {FirstLine(exception.Message)}");
            return ExitCode;
        }
    }

    private static List<string> Failures(Exception exception) => exception switch
    {
        OptionsValidationException options => [.. options.Failures.Select(f => Readable(f, options.OptionsType))],
        AggregateException aggregate => [.. aggregate.InnerExceptions.SelectMany(Failures).Distinct(StringComparer.Ordinal)],
        InvalidOperationException conversion when ConversionFailure().Match(conversion.Message) is { Success: true } match => [Unconvertible(match)],
        _ => [],
    };

    // The configuration binder's "Failed to convert configuration value 'x' at 'A:B' to type 'T'", as what to set instead.
    private static string Unconvertible(Match match)
    {
        var type = Type.GetType(match.Groups["type"].Value);
        var expected = type switch
        {
            { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(type)),
            _ when type == typeof(TimeSpan) => "a duration such as 00:15:00",
            _ when type == typeof(int) || type == typeof(long) => "a whole number",
            _ when type == typeof(bool) => "true or false",
            _ => "a " + (type?.Name ?? match.Groups["type"].Value),
        };
        return $"{match.Groups["key"].Value} must be {expected}, not '{match.Groups["value"].Value}'.";
    }

    private static string Describe(IReadOnlyList<string> failures)
    {
        var line = "AuthServer cannot start: " + string.Join(" ", failures.Distinct(StringComparer.Ordinal).Select(FirstLine));
        return SettingKey().Match(line) is { Success: true } key
            ? line + $" Change it in appsettings.json, in the environment ({key.Value.Replace(":", "__", StringComparison.Ordinal)}) "
                + "or on the command line; docs/operations.md lists every setting."
            : line + " See docs/operations.md.";
    }

    // DataAnnotations name the property only ("The field AccessTokenLifetime must be..."); name the whole key instead.
    private static string Readable(string failure, Type optionsType)
    {
        var match = DataAnnotationFailure().Match(failure);
        if (!match.Success)
        {
            return failure;
        }

        var section = optionsType.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string;
        var member = match.Groups["member"].Value;
        var key = section is null ? member : $"{section}:{member}";
        return match.Groups["error"].Value.Replace($"The field {member}", key, StringComparison.Ordinal);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '(?<member>[^',]*)[^']*' with the error: '(?<error>.*)'\.$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']*)' to type '(?<type>[^']*)'\.", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();

    [GeneratedRegex(@"\b(?:Auth|Cors|ConnectionStrings|Database|ForwardedHeaders|Kestrel)(?::[A-Za-z0-9]+)+")]
    private static partial Regex SettingKey();
}
