using System.Security.Cryptography;

namespace Slipway.Core.Tests.Infrastructure.Artifacts;

internal static class TestStreams
{
    /// <summary>Deterministic, incompressible-looking bytes.</summary>
    public static byte[] Bytes(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}

/// <summary>A body that delivers some bytes in small reads and then fails, as a dropped connection does.</summary>
internal sealed class FailingStream(byte[] before, Func<Exception>? failure = null) : Stream
{
    private int position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (position >= before.Length)
        {
            throw Failure();
        }

        var n = Math.Min(Math.Min(count, 65536), before.Length - position);
        Array.Copy(before, position, buffer, offset, n);
        position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer, offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (position >= before.Length)
        {
            throw Failure();
        }

        var n = Math.Min(Math.Min(buffer.Length, 65536), before.Length - position);
        before.AsMemory(position, n).CopyTo(buffer);
        position += n;
        return ValueTask.FromResult(n);
    }

    private Exception Failure() => failure?.Invoke() ?? new IOException("The client went away.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
