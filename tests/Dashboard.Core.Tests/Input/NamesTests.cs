using Dashboard.Core.Input;
using Dashboard.Core.Security;
using Dashboard.Tests.Shared;

namespace Dashboard.Core.Tests.Input;

public sealed class NamesTests
{
    public static TheoryData<string> UnroutableNames() => new(BadInput.UnroutableNames);

    [Theory]
    [MemberData(nameof(UnroutableNames))]
    [InlineData("anonymous")]
    [InlineData("ｓｙｓｔｅｍ")] // full-width letters
    [InlineData("sуstem")] // Cyrillic у
    [InlineData("-admin")]
    [InlineData("ada lovelace")]
    [InlineData("ada\u200Blovelace")] // zero-width space
    public void UserNameError_UnroutableReservedOrOutsideThePlainSet_Refused(string name) =>
        Assert.NotNull(Names.UserNameError(name));

    [Theory]
    [InlineData("ada")]
    [InlineData("ada.lovelace@example.com")]
    [InlineData("ops_admin-2")]
    [InlineData("systemd")]
    [InlineData(" padded ")]
    public void UserNameError_PlainNames_Accepted(string name) => Assert.Null(Names.UserNameError(name));

    [Theory]
    [InlineData("Ada Lovelace")]
    [InlineData("ada.lovelace@example.com")]
    [InlineData("Адá Ловелас")]
    [InlineData("00u1a2b3c4D5e6F7g8h9")]
    public void ActorNameError_WhatProvidersSend_Accepted(string name) => Assert.Null(Names.ActorNameError(name));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("system")]
    [InlineData("Anonymous")]
    [InlineData("ｓｙｓｔｅｍ")]
    [InlineData("ada\u202Eecila")] // right-to-left override
    [InlineData("ada\nlovelace")]
    public void ActorNameError_BlankInvisibleOrReserved_Refused(string name) => Assert.NotNull(Names.ActorNameError(name));

    [Fact]
    public void ActorNameError_Length_UpTo256()
    {
        Assert.Null(Names.ActorNameError(new string('a', Names.MaxActorNameLength)));
        Assert.NotNull(Names.ActorNameError(new string('a', Names.MaxActorNameLength + 1)));
    }

    [Fact]
    public void UserNameError_Length_UpTo64()
    {
        Assert.Null(Names.UserNameError(new string('a', Names.MaxUserNameLength)));
        var error = Names.UserNameError(new string('a', 300));
        Assert.Equal("This name has 300 characters. A user name has 1 to 64 characters: letters a–z or A–Z, digits and -._@+, starting with a letter or digit.", error);
    }

    [Theory]
    [InlineData("system")]
    [InlineData(" SYSTEM ")]
    [InlineData("ѕystem")]
    public void UserNameError_TheAuditTrailsOwnName_SaysWhy(string name) =>
        Assert.Contains("the audit trail's name for the dashboard itself", Names.UserNameError(name));

    [Fact]
    public void SystemActor_IsTheNameTheAuditTrailRecords() => Assert.Equal(Names.SystemActor, Actor.System.UserName);

    [Fact]
    public void AlarmNameError_BrokenSurrogate_Refused()
    {
        // Built here, not passed as theory data: half of a surrogate pair does not survive the runner's serialization.
        string[] broken = ["a" + '\uD800' + "b", '\uDC00'.ToString(), "x" + '\uDC00' + '\uD800'];

        Assert.All(broken, name => Assert.Contains("broken character", Names.AlarmNameError(name)));
        Assert.Null(Names.AlarmNameError("a\U0001F525b"));
    }

    [Theory]
    [InlineData(".", "browsers read it as a step")]
    [InlineData("a/b", "/ \\ ? # or %")]
    [InlineData("\u202Eevil", "invisible formatting")]
    [InlineData(" x", "start or end with a space")]
    public void AlarmNameError_SaysWhatIsWrong(string name, string expected) => Assert.Contains(expected, Names.AlarmNameError(name));

    [Theory]
    [InlineData("日本の遅延", "中国の遅延")]
    [InlineData("latency-a", "latency-b")]
    [InlineData("lat", "latency")]
    public void LooksLike_DifferentNames_False(string first, string second) => Assert.False(Names.LooksLike(first, second));

    [Theory]
    [InlineData("system", "ѕystem")]
    [InlineData("Überwachung", "uberwachung")]
    [InlineData("ALARM", "alarm")]
    public void LooksLike_SameToTheEye_True(string first, string second) => Assert.True(Names.LooksLike(first, second));

    [Fact]
    public void AlarmNameError_EmojiAndAccents_Accepted() => Assert.Null(Names.AlarmNameError("Latenz 🔥 Überwachung"));
}
