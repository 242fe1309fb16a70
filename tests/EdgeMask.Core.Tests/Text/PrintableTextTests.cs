using EdgeMask.Core.Text;

namespace EdgeMask.Core.Tests.Text;

public class PrintableTextTests
{
    [Theory]
    [InlineData("door\0open", "door\\u0000open")]
    [InlineData("ring\a", "ring\\u0007")]
    [InlineData("\u001b[31mred", "\\u001B[31mred")]
    [InlineData("abc\u202Edef", "abc\\u202Edef")]
    [InlineData("two\nlines\r", "two\\u000Alines\\u000D")]
    [InlineData("edgemask/door-1/set", "edgemask/door-1/set")]
    [InlineData("Grüße, 口罩", "Grüße, 口罩")]
    [InlineData("", "")]
    public void Escape_TurnsControlAndFormatCharactersIntoEscapes(string input, string expected) =>
        Assert.Equal(expected, PrintableText.Escape(input));

    [Fact]
    public void Escape_Null_IsEmpty() => Assert.Equal(string.Empty, PrintableText.Escape(null));
}
