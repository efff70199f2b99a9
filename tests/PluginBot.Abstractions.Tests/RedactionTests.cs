namespace PluginBot.Abstractions.Tests;

public sealed class RedactionTests
{
    [Theory]
    [InlineData("http://user:pass@127.0.0.1:11434/", "http://***@127.0.0.1:11434/")]
    [InlineData("https://alice@gateway.example/v1", "https://***@gateway.example/v1")]
    [InlineData("http://u%40corp:p%2Fss@host/", "http://***@host/")]
    [InlineData("http://u:p@ss@host/x", "http://***@host/x")]
    [InlineData("http://127.0.0.1:4000/v1/models?api_key=sk-123&model=gpt", "http://127.0.0.1:4000/v1/models?api_key=***&model=gpt")]
    [InlineData("https://host/hook?token=abc#top", "https://host/hook?token=***#top")]
    [InlineData("https://host/x?a=1&access_token=abc&Signature=zz", "https://host/x?a=1&access_token=***&Signature=***")]
    [InlineData("https://api.telegram.org/bot123456:ABCdefGhIJKlmNoPQRsTUVwxyZ012345678/getMe", "https://api.telegram.org/bot***/getMe")]
    [InlineData("http://127.0.0.1:4000/v1", "http://127.0.0.1:4000/v1")]
    public void Credentials_in_a_url_are_replaced_and_the_rest_is_kept(string url, string expected)
    {
        Assert.Equal(expected, Redaction.Text(url));
    }

    [Fact]
    public void A_uri_is_shown_without_its_user_and_password()
    {
        Assert.Equal("http://***@10.0.0.2:11434/", Redaction.Url(new Uri("http://ollama:s3cret@10.0.0.2:11434")));
        Assert.Equal("http://10.0.0.2:11434/", Redaction.Url(new Uri("http://10.0.0.2:11434")));
    }

    [Fact]
    public void Urls_inside_a_sentence_are_redacted_wherever_they_are()
    {
        var text = "cannot reach Ollama at http://ops:hunter2@10.0.0.9:11434/ (then https://x:y@z/), and a@b.example is mail";

        Assert.Equal("cannot reach Ollama at http://***@10.0.0.9:11434/ (then https://***@z/), and a@b.example is mail", Redaction.Text(text));
    }

    [Fact]
    public void Text_without_credentials_is_returned_as_it_is()
    {
        const string text = "gateway at http://127.0.0.1:4000/v1 lists 3 models.";

        Assert.Same(text, Redaction.Text(text));
        Assert.Equal("", Redaction.Text(null));
    }
}
