using System.Net;
using System.Net.Sockets;
using System.Text;
using PluginBot.TestKit;
using PluginBot.TestKit.Telegram;

namespace PluginBot.Plugins.Telegram.Tests.Updates;

public sealed class WebhookTests : IAsyncLifetime
{
    private const long User = HostFixture.UserId;
    private const string Secret = "webhook-secret_123";
    private FakeTelegramServer _fake = null!;
    private StandaloneBot _bot = null!;
    private Uri _webhook = null!;

    public async Task InitializeAsync()
    {
        _fake = await StandaloneBot.StartFakeAsync();
        var port = FreePort();
        _webhook = new Uri($"http://127.0.0.1:{port}/telegram/webhook");
        _bot = new StandaloneBot(_fake, extra: new Dictionary<string, string?>
        {
            ["Kernel:Http:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Plugins:Telegram:WebhookUrl"] = _webhook.ToString(),
            ["Plugins:Telegram:WebhookSecret"] = Secret,
        });
        await _bot.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task Updates_posted_to_the_webhook_are_answered_and_nothing_polls()
    {
        _fake.SendCommand(User, User, "whoami");

        var replies = await _bot.RepliesAsync(User, 1);

        Assert.Equal("You are 2 on telegram, an allowed user.", replies[0].Text);
        Assert.Contains(_fake.WebhookDeliveries, d => d.Url == _webhook.ToString() && d.StatusCode == 200);
        Assert.Equal(0, _bot.GetUpdatesCalls);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-secret")]
    public async Task A_call_without_the_right_secret_is_refused(string? secret)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, _webhook)
        {
            Content = new StringContent("{\"update_id\":1}", Encoding.UTF8, "application/json"),
        };
        if (secret is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_malformed_body_is_a_bad_request()
    {
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Add("X-Telegram-Bot-Api-Secret-Token", Secret);

        using var response = await client.PostAsync(_webhook, new StringContent("{not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
