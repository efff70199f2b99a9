using FluentValidation;
using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;

namespace PluginBot.Host.Identity;

/// <summary>An admin removes a user from the allow-list (admins from ADMIN_USERS cannot be denied here).</summary>
public static class DenyUser
{
    [Access(AccessLevel.AdminOnly)]
    [Audited]
    public sealed record Command(long UserId) : IRequest<Reply>;

    public static readonly CommandDescriptor Descriptor = new(
        "deny", "Remove a user from the allow-list (admin)", "<telegram user id>", [],
        (args, _) => new Command(UserIdArgument.Parse(args)))
    {
        AdminOnly = true,
    };

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.UserId).GreaterThan(0).WithMessage("must be a positive Telegram user id");
    }

    internal sealed class Handler(UserStore users, IActorAccessor actor) : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            if (await users.IsAdminAsync(request.UserId, cancellationToken))
            {
                throw new ConflictException($"User {request.UserId} is an admin (ADMIN_USERS); remove them there and restart instead.");
            }

            var changed = await users.SetAllowedAsync(request.UserId, allowed: false, actor.Current!, cancellationToken);
            return Reply.Plain(changed ? $"User {request.UserId} can no longer use the bot." : $"User {request.UserId} was not allowed.");
        }
    }
}
