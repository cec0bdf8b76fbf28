using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace AuthServer.Data;

/// <summary>Encrypts each key of the Data Protection key ring with AES-256-GCM under the key-encryption key.</summary>
internal sealed class KeyEncryptionKeyXmlEncryptor(KeyEncryptionKey key) : IXmlEncryptor
{
    public const int NonceSize = 12;
    public const int TagSize = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagSize];
        using (var aes = new AesGcm(key.Bytes, TagSize))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, Encoding.UTF8.GetBytes(key.Id));
        }

        CryptographicOperations.ZeroMemory(plaintext);
        var encrypted = new XElement("encryptedKey",
            new XAttribute("kekId", key.Id),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("ciphertext", Convert.ToBase64String(ciphertext)),
            new XElement("tag", Convert.ToBase64String(tag)));
        return new EncryptedXmlInfo(encrypted, typeof(KeyEncryptionKeyXmlDecryptor));
    }
}
