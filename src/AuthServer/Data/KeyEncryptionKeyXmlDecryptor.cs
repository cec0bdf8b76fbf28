using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace AuthServer.Data;

/// <summary>
/// Decrypts what <see cref="KeyEncryptionKeyXmlEncryptor"/> encrypted. Data Protection creates it by the type name stored
/// in the key ring, with the app's services, whenever it loads a key.
/// </summary>
internal sealed class KeyEncryptionKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetRequiredService<KeyRingEncryption>().Key;
        var kekId = (string?)encryptedElement.Attribute("kekId");
        if (key is null || key.Id != kekId)
        {
            throw new CryptographicException(
                $"The Data Protection key ring was encrypted with the key-encryption key {kekId}; set Auth:KeyEncryption:Key to that key.");
        }

        var nonce = Convert.FromBase64String((string)encryptedElement.Element("nonce")!);
        var ciphertext = Convert.FromBase64String((string)encryptedElement.Element("ciphertext")!);
        var tag = Convert.FromBase64String((string)encryptedElement.Element("tag")!);
        var plaintext = new byte[ciphertext.Length];
        using (var aes = new AesGcm(key.Bytes, KeyEncryptionKeyXmlEncryptor.TagSize))
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext, Encoding.UTF8.GetBytes(key.Id));
        }

        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
