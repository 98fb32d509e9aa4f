using System.Buffers;
using System.Security.Cryptography;

namespace Slipway.Core.Infrastructure.Artifacts;

/// <summary>Copies a stream while counting its bytes and computing its SHA-256, so a file is read exactly once.</summary>
internal sealed class ArtifactHashing : IDisposable
{
    public const int BufferSize = 81920;

    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long Size { get; private set; }

    public void Append(ReadOnlySpan<byte> data)
    {
        hash.AppendData(data);
        Size += data.Length;
    }

    /// <summary>Copies all of <paramref name="source"/> to <paramref name="destination"/>, hashing as it goes.</summary>
    public async Task CopyAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                Append(buffer.AsSpan(0, read));
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Copies from <paramref name="source"/> until <paramref name="destination"/> holds <paramref name="limit"/> bytes or the source ends.</summary>
    public async Task<bool> FillAsync(Stream source, MemoryStream destination, long limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (destination.Length < limit)
            {
                var wanted = (int)Math.Min(BufferSize, limit - destination.Length);
                var read = await source.ReadAsync(buffer.AsMemory(0, wanted), cancellationToken);
                if (read == 0)
                {
                    return false;
                }

                Append(buffer.AsSpan(0, read));
                destination.Write(buffer, 0, read);
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The lower-case hex SHA-256 of everything appended.</summary>
    public string Finish() => Convert.ToHexStringLower(hash.GetHashAndReset());

    public void Dispose() => hash.Dispose();
}
