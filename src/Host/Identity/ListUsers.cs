using System.Globalization;
using System.Text;
using MediatR;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;

namespace PluginBot.Host.Identity;

/// <summary>An admin lists the allow-list (for them alone: asked in a group, it is answered privately).</summary>
public static class ListUsers
{
    [Access(AccessLevel.AdminOnly)]
    [Audited]
    public sealed record Command : IRequest<Reply>;

    public static readonly CommandDescriptor Descriptor = new(
        "users", "List allowed users and admins (admin)", "", [], (_, _) => new Command())
    {
        AdminOnly = true,
    };

    internal sealed class Handler(UserStore users) : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            var all = await users.ListAsync(cancellationToken);
            if (all.Count == 0)
            {
                return Reply.Plain("No users yet. Set ALLOWED_USERS and ADMIN_USERS, or /allow <id>.") with { ForSenderOnly = true };
            }

            var text = new StringBuilder();
            foreach (var user in all)
            {
                var role = user.IsAdmin ? "admin" : user.IsAllowed ? "allowed" : "denied";
                text.AppendLine(CultureInfo.InvariantCulture, $"{user.Id}  {role}  (by {user.ChangedBy}, {user.ChangedAtUtc:yyyy-MM-dd HH:mm} UTC)");
            }

            return Reply.Plain(text.ToString().TrimEnd()) with { ForSenderOnly = true };
        }
    }
}
