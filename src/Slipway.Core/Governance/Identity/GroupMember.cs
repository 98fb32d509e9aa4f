namespace Slipway.Core.Governance.Identity;

public sealed class GroupMember
{
    public long GroupId { get; set; }

    public long UserId { get; set; }

    public long AddedAt { get; set; }
}
