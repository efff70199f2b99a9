using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace PluginBot.Plugins.Telegram.Updates;

/// <summary>
/// The path of TELEGRAM_WEBHOOK_URL, served by the host. Only a request carrying the configured secret in
/// <c>X-Telegram-Bot-Api-Secret-Token</c> is accepted (compared in constant time); its update is stored in the inbox
/// before Telegram gets its 200, so an update acknowledged is an update kept.
/// </summary>
internal static partial class WebhookEndpoint
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    public static void Map(IEndpointRouteBuilder endpoints, TelegramSettings settings)
    {
        if (settings.WebhookUrl is not { } url || settings.WebhookSecret is not { } secret)
        {
            return;
        }

        var expected = Encoding.UTF8.GetBytes(secret);
        endpoints.MapPost(url.AbsolutePath, async (HttpContext http, UpdateReceiver receiver, ILogger<UpdateReceiver> logger) =>
        {
            var given = Encoding.UTF8.GetBytes(http.Request.Headers[SecretHeader].ToString());
            if (!CryptographicOperations.FixedTimeEquals(given, expected))
            {
                LogBadSecret(logger, http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                return Results.Unauthorized();
            }

            Update? update;
            try
            {
                update = await JsonSerializer.DeserializeAsync<Update>(http.Request.Body, JsonBotAPI.Options, http.RequestAborted);
            }
            catch (JsonException)
            {
                return Results.BadRequest();
            }

            if (update is null)
            {
                return Results.BadRequest();
            }

            await receiver.AcceptAsync([update], polled: false, http.RequestAborted);
            return Results.Ok();
        }).AllowAnonymous();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook call from {Address} had no or the wrong secret token; refused")]
    private static partial void LogBadSecret(ILogger logger, string address);
}
