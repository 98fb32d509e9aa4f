using System.Buffers.Binary;

namespace Slipway.Core.Registry.Storage;

/// <summary>
/// Reads the entry count a zip declares in its end of central directory record (or the zip64 record it points to),
/// without reading the central directory itself. .NET's <c>ZipArchive</c> refuses a directory whose entries do
/// not match this count, so it bounds what the archive can list.
/// </summary>
internal static class ZipEndRecord
{
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const int EndLength = 22;
    private const int Zip64LocatorLength = 20;
    private const int MaxCommentLength = ushort.MaxValue;

    /// <summary>The declared number of entries, or null when no end record is found (the archive reader then refuses it).</summary>
    public static async Task<long?> EntryCountAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous);
        var tailLength = (int)Math.Min(file.Length, EndLength + MaxCommentLength);
        var tail = new byte[tailLength];
        file.Position = file.Length - tailLength;
        await file.ReadExactlyAsync(tail, cancellationToken);
        for (var at = tailLength - EndLength; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at)) != EndSignature)
            {
                continue;
            }

            var count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 10));
            if (count != ushort.MaxValue)
            {
                return count;
            }

            var endOffset = file.Length - tailLength + at;
            return endOffset >= Zip64LocatorLength ? await Zip64CountAsync(file, endOffset - Zip64LocatorLength, cancellationToken) : null;
        }

        return null;
    }

    private static async Task<long?> Zip64CountAsync(FileStream file, long locatorOffset, CancellationToken cancellationToken)
    {
        var locator = new byte[Zip64LocatorLength];
        file.Position = locatorOffset;
        await file.ReadExactlyAsync(locator, cancellationToken);
        if (BinaryPrimitives.ReadUInt32LittleEndian(locator) != Zip64LocatorSignature)
        {
            return null;
        }

        var recordOffset = BinaryPrimitives.ReadUInt64LittleEndian(locator.AsSpan(8));
        if (recordOffset > (ulong)(file.Length - 40))
        {
            return null;
        }

        var record = new byte[40];
        file.Position = (long)recordOffset;
        await file.ReadExactlyAsync(record, cancellationToken);
        if (BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndSignature)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(32));
        return count > long.MaxValue ? long.MaxValue : (long)count;
    }
}
