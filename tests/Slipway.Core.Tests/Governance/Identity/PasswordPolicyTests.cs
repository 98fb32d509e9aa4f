using Slipway.Core.Governance.Identity.Passwords;

namespace Slipway.Core.Tests.Governance.Identity;

public sealed class PasswordPolicyTests
{
    [Fact]
    public void A_hash_names_its_algorithm_and_iterations_and_verifies_only_the_right_password()
    {
        var hash = PasswordHashing.Hash("a long enough passphrase");
        var parts = hash.Split('$');
        Assert.Equal(["pbkdf2-sha512", "210000"], parts[..2]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
        Assert.Equal(PasswordVerification.Success, PasswordHashing.Verify("a long enough passphrase", hash));
        Assert.Equal(PasswordVerification.Failed, PasswordHashing.Verify("a long enough passphrasE", hash));
        Assert.NotEqual(hash, PasswordHashing.Hash("a long enough passphrase"));
    }

    [Fact]
    public void A_hash_with_fewer_iterations_still_verifies_and_asks_to_be_rehashed()
    {
        var old = PasswordHashing.Hash("a long enough passphrase", 100_000);
        Assert.Equal(PasswordVerification.SuccessRehashNeeded, PasswordHashing.Verify("a long enough passphrase", old));
        Assert.Equal(PasswordVerification.Failed, PasswordHashing.Verify("wrong", old));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("garbage")]
    [InlineData("pbkdf2-sha512$x$AAAA$AAAA")]
    [InlineData("md5$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==")]
    public void A_missing_or_malformed_hash_fails(string? stored) =>
        Assert.Equal(PasswordVerification.Failed, PasswordHashing.Verify("anything at all", stored));

    [Theory]
    [InlineData("", "invalid_parameter_value")]
    [InlineData("short pass", PasswordPolicy.TooShortCode)]
    [InlineData("123456789012", PasswordPolicy.CommonCode)]
    [InlineData("Password1234", PasswordPolicy.CommonCode)]
    [InlineData("qwertyuiopas", PasswordPolicy.CommonCode)]
    [InlineData("my name is alice-ml, hi", PasswordPolicy.ContainsUserNameCode)]
    public void Empty_short_breached_and_context_passwords_are_rejected_naming_the_rule(string password, string code)
    {
        var error = PasswordPolicy.Check(password, "Alice-ML");
        Assert.NotNull(error);
        Assert.Equal(code, error.Code);
        Assert.Equal("password", error.Field);
    }

    [Fact]
    public void Long_passwords_pass_up_to_the_maximum_counted_in_code_points()
    {
        Assert.Null(PasswordPolicy.Check("correct horse battery", "alice"));
        Assert.Null(PasswordPolicy.Check(new string('x', 200) + "🙂🙂", "alice"));
        Assert.Equal(PasswordPolicy.TooLongCode, PasswordPolicy.Check(new string('y', 257), "alice")!.Code);
        // Twelve emoji are 24 UTF-16 units but 12 characters.
        Assert.Null(PasswordPolicy.Check(string.Concat(Enumerable.Repeat("🙂", 12)), "alice"));
        Assert.Equal(PasswordPolicy.TooShortCode, PasswordPolicy.Check(string.Concat(Enumerable.Repeat("🙂", 11)), "alice")!.Code);
    }
}
