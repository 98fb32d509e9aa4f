using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tests.Infrastructure.Artifacts;

public sealed class ArtifactPathTests
{
    public static TheoryData<string> Traversals => new()
    {
        "../secret",
        "0/../../secret",
        "0/a/..",
        "..\\secret",
        "0\\..\\secret",
        "\\..\\secret",
        "%2e%2e%2fsecret",
        "%2E%2E/secret",
        "0/%2e%2e/%2e%2e/secret",
        "%252e%252e%252fsecret",
        "%25252e%25252e%25252fsecret",
        "..%5csecret",
        "..%255csecret",
        "0/%c0%ae%c0%ae/secret",
        "0/\uFF0E\uFF0E/secret",
        "0/\u2025/secret",
        "0/./a.txt",
        "./a.txt",
        "0//a.txt",
        "0/a.txt/",
        "/etc/passwd",
        "%2fetc%2fpasswd",
        "%252fetc%252fpasswd",
        "//host/share/a.txt",
        "\\\\host\\share\\a.txt",
        "C:\\Windows\\win.ini",
        "C:/Windows/win.ini",
        "c:secret",
        "file:///etc/passwd",
        "FILE:/etc/passwd",
        "file:secret",
        "0/a%00.txt",
        "0/a\0.txt",
        "0/a%01.txt",
        "0/a%1f.txt",
        "0/a%7f.txt",
        "0/a\u0085.txt",
        "0/a%0a.txt",
        "0/a%0d%0a.txt",
        "0/a#/../b",
        "0/a?/../b",
        "0/a;/../b",
        "0/a%23b",
        ".staging/x",
    };

    [Theory]
    [MemberData(nameof(Traversals))]
    public void An_unsafe_path_is_rejected_as_invalid(string raw)
    {
        var result = ArtifactPath.Parse(raw);

        Assert.False(result.IsSuccess, $"'{raw}' was accepted as '{result.Value}'");
        Assert.Equal(ErrorKind.Invalid, result.Error.Kind);
        Assert.StartsWith("Invalid path", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal("path", result.Error.Field);
    }

    [Theory]
    [MemberData(nameof(Traversals))]
    public void An_unsafe_directory_is_rejected_as_invalid(string raw)
    {
        if (raw.EndsWith('/'))
        {
            return; // A trailing separator is allowed on a directory.
        }

        Assert.False(ArtifactPath.ParseDirectory(raw).IsSuccess, raw);
    }

    [Theory]
    [InlineData("0/abc/artifacts/a.txt", "0/abc/artifacts/a.txt")]
    [InlineData("a", "a")]
    [InlineData("0/run/artifacts/model/MLmodel", "0/run/artifacts/model/MLmodel")]
    [InlineData("0/a%20b.txt", "0/a b.txt")]
    [InlineData("0/a%2520b.txt", "0/a b.txt")]
    [InlineData("0/%C3%A9t%C3%A9.csv", "0/été.csv")]
    [InlineData("0/...", "0/...")]
    [InlineData("0/.hidden", "0/.hidden")]
    [InlineData("0/a..b", "0/a..b")]
    [InlineData("0/100%.txt", "0/100%.txt")]
    [InlineData("0/a:b.txt", "0/a:b.txt")]
    [InlineData("0/a+b.txt", "0/a+b.txt")]
    public void A_safe_path_is_decoded_into_a_key(string raw, string key)
    {
        var result = ArtifactPath.Parse(raw);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(key, result.Value);
    }

    [Fact]
    public void The_root_is_a_directory_but_not_a_file()
    {
        Assert.Equal("", ArtifactPath.ParseDirectory(null).Value);
        Assert.Equal("", ArtifactPath.ParseDirectory("").Value);
        Assert.False(ArtifactPath.Parse("").IsSuccess);
        Assert.False(ArtifactPath.Parse(null).IsSuccess);
        Assert.False(ArtifactPath.ParseDirectory("/").IsSuccess);
    }

    [Fact]
    public void A_directory_may_end_in_one_separator()
    {
        Assert.Equal("0/run/artifacts", ArtifactPath.ParseDirectory("0/run/artifacts/").Value);
        Assert.False(ArtifactPath.ParseDirectory("0/run/artifacts//").IsSuccess);
    }

    [Fact]
    public void A_path_still_encoded_after_ten_rounds_is_rejected()
    {
        var raw = "a";
        for (var i = 0; i < 11; i++)
        {
            raw = Uri.EscapeDataString(raw + "/");
        }

        Assert.False(ArtifactPath.Parse(raw).IsSuccess);
    }

    [Fact]
    public void Nine_rounds_of_encoding_are_decoded()
    {
        var raw = "0/a b.txt";
        for (var i = 0; i < 9; i++)
        {
            raw = Uri.EscapeDataString(raw);
        }

        Assert.Equal("0/a b.txt", ArtifactPath.Parse(raw).Value);
    }

    [Fact]
    public void Over_long_paths_and_segments_are_rejected()
    {
        Assert.False(ArtifactPath.Parse(string.Join('/', Enumerable.Repeat("abcdefghi", 103))).IsSuccess);
        Assert.False(ArtifactPath.Parse("0/" + new string('a', 256)).IsSuccess);
        Assert.False(ArtifactPath.Parse("0/" + string.Concat(Enumerable.Repeat("é", 128))).IsSuccess);
        Assert.True(ArtifactPath.Parse("0/" + new string('a', 255)).IsSuccess);
    }

    [Theory]
    [InlineData("a.txt", true)]
    [InlineData("..", false)]
    [InlineData(".", false)]
    [InlineData("", false)]
    [InlineData("a/b", false)]
    [InlineData("a\nb", false)]
    [InlineData("a\\b", false)]
    public void Only_safe_names_are_listed(string name, bool safe) => Assert.Equal(safe, ArtifactPath.IsSafeName(name));
}
