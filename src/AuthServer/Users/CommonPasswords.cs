using System.Collections.Frozen;

namespace AuthServer.Users;

/// <summary>
/// Refuses passwords an attacker tries first: those on the embedded list of common passwords, and those
/// that are only a repeated unit (<c>passwordpassword</c>) or a run along the keyboard or the alphabet.
/// </summary>
internal static class CommonPasswords
{
    private static readonly FrozenSet<string> List = Load();

    private static readonly string[] Sequences = WithReversed(
    [
        "01234567890123456789012345678901234567890",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
        "qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm",
        "qwertzuiopasdfghjklyxcvbnmqwertzuiopasdfghjklyxcvbnm",
        "azertyuiopqsdfghjklmwxcvbnazertyuiopqsdfghjklmwxcvbn",
        "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p1qaz2wsx3edc4rfv",
        "1q2w3e4r5t6y7u8i9o0p1q2w3e4r5t6y7u8i9o0p",
    ]);

    public static bool IsCommon(string password)
    {
        var folded = password.ToLowerInvariant();
        return List.Contains(folded) || IsRepetition(folded) || IsSequence(folded);
    }

    private static bool IsRepetition(string password)
    {
        for (var unit = 1; unit <= password.Length / 2; unit++)
        {
            if (password.Length % unit == 0 && password.AsSpan(unit).SequenceEqual(password.AsSpan(0, password.Length - unit)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSequence(string password)
    {
        foreach (var sequence in Sequences)
        {
            if (sequence.Contains(password, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string[] WithReversed(string[] sequences) =>
        [.. sequences, .. sequences.Select(s => new string(s.Reverse().ToArray()))];

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("AuthServer.Users.common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded list of common passwords is missing.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                passwords.Add(line.ToLowerInvariant());
            }
        }

        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }
}
