using FluentValidation;
using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;

namespace PluginBot.Host.Identity;

/// <summary>An admin adds a user to the allow-list.</summary>
public static class AllowUser
{
    [Access(AccessLevel.AdminOnly)]
    [Audited]
    public sealed record Command(long UserId) : IRequest<Reply>;

    public static readonly CommandDescriptor Descriptor = new(
        "allow", "Allow a user to use the bot (admin)", "<telegram user id>", [],
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
            var changed = await users.SetAllowedAsync(request.UserId, allowed: true, actor.Current!, cancellationToken);
            return Reply.Plain(changed ? $"User {request.UserId} can now use the bot." : $"User {request.UserId} was already allowed.");
        }
    }
}
