using System.Collections.Frozen;
using System.IO.Compression;
using System.Text;

namespace AuthServer.Users;

/// <summary>
/// Refuses passwords an attacker tries first (NIST SP 800-63B-4 §3.1.1.2: "passwords obtained from previous breach
/// corpuses"): the 100,000 most common of 8 characters or more in Mark Burnett's 10-million-password corpus
/// (<c>common-passwords.br</c>, built by <c>tools/common-passwords.cs</c>; provenance and licence in docs/security.md),
/// a short hand-kept list of longer ones (<c>common-passwords.txt</c>), and passwords that are only a repeated unit
/// (<c>passwordpassword</c>) or a run along the keyboard or the alphabet. Compared in lower case.
/// </summary>
internal static class CommonPasswords
{
    /// <summary>The entries of the breach list, as the tests check it was built.</summary>
    public const int BreachListEntries = 100_000;

    private static readonly FrozenSet<string> List = Load();

    /// <summary>How many distinct passwords the lists hold together.</summary>
    public static int Count => List.Count;

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

    /// <summary>The breach list as built: its entries, sorted, joined with '\n' (for the test of its size and checksum).</summary>
    public static byte[] ReadBreachList()
    {
        using var stream = Resource("AuthServer.Users.common-passwords.br");
        using var brotli = new BrotliStream(stream, CompressionMode.Decompress);
        using var text = new MemoryStream();
        brotli.CopyTo(text);
        return text.ToArray();
    }

    private static FrozenSet<string> Load()
    {
        var passwords = new HashSet<string>(Encoding.UTF8.GetString(ReadBreachList()).Split('\n'), StringComparer.Ordinal);
        using var reader = new StreamReader(Resource("AuthServer.Users.common-passwords.txt"));
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                passwords.Add(line.ToLowerInvariant());
            }
        }

        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }

    private static Stream Resource(string name) =>
        typeof(CommonPasswords).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded list of common passwords {name} is missing.");
}
