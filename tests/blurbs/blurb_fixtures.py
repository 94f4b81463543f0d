"""Briefings typed out from the corpus (tests/data/corpus), clean as a correct reader
makes them: these let the blurb tests run without the readers stage."""

from __future__ import annotations

from sharecard.model import Attribution, Briefing, Section

SCOUT = Attribution("Scout", "Be the smartest in the room.")

SEED = Briefing(
    headline="Putin, Iran deepen military coordination",
    bullets=(
        "Putin and Iran’s leadership aren’t unveiling a new alliance this week. The real "
        "shift is that their 20-year strategic treaty is now active.",
        "That pact took effect on October 2, 2025, after Putin and Masoud Pezeshkian signed "
        "it in Moscow on January 17, 2025.",
        "It matters because Russia and Iran can coordinate more deeply without triggering a "
        "formal mutual-defense obligation.",
    ),
    lede=(
        "Russia and Iran are getting closer militarily, but the important thing is not a "
        "dramatic new pact announced today. It’s that the relationship has moved from "
        "improvised wartime cooperation into a standing framework that is already in force. "
        "That matters because Moscow and Tehran now have a sturdier legal and political base "
        "for sharing technology, coordinating security policy, and helping each other absorb "
        "pressure from the West."
    ),
    sections=(
        Section("What actually changed?",
                "The big change happened on October 2, 2025.", ("iranwatch.org",)),
        Section("Is this a real military alliance?",
                "Not in the NATO sense. The catch is that the treaty does not create an "
                "automatic mutual-defense commitment.", ("iranwatch.org",)),
        Section("So why are people treating it seriously?",
                "Because the cooperation is no longer theoretical. Each side is becoming "
                "part of the other’s security toolkit.", ("usnews.com",)),
        Section("Why does Ukraine connect to the Middle East?",
                "Because the same networks matter in both places. Drones, components, "
                "sanctions evasion, intelligence channels, and military-industrial learning "
                "do not stay neatly inside one war.", ("cbsnews.com",)),
        Section("What does Moscow get?",
                "Russia gets a sanctions-hardened partner, access to Iranian military "
                "know-how in areas like drones, and another state willing to challenge the "
                "U.S.-led order. The treaty text also frames the relationship in openly "
                "“multipolar” terms, which tells you this is not just transactional weapons "
                "shopping. It is also ideological positioning against Western pressure.",
                ("irangov.ir",)),
        Section("What does Tehran get?",
                "Iran gets diplomatic cover, military-technical cooperation, and a "
                "major-power partner that can help blunt isolation. But there are limits.",
                ("irangov.ir",)),
        Section("Why does this matter now?",
                "Because a loose partnership is easier to dismiss than an institutionalized "
                "one. Once cooperation sits inside a 20-year treaty, it becomes easier to "
                "sustain across crises, leadership changes, and simultaneous wars.",
                ("carnegieendowment.org",)),
        Section("Bottom line",
                "The headline is not that Putin and Iran suddenly became allies this week. "
                "Turns out the deeper story is steadier — and more important. Russia and Iran "
                "have built a long-term framework that lets them cooperate more closely "
                "across wars without signing up for a formal mutual-defense pact.",
                ("iranwatch.org",)),
    ),
    sources=("iranwatch.org", "en.irna.ir", "usnews.com", "cbsnews.com", "irangov.ir",
             "carnegieendowment.org"),
    attribution=SCOUT,
    language="en",
)

PERSIAN = Briefing(
    headline="ایران و روسیه همکاری نظامی را گسترش می‌دهند",
    bullets=(
        "پیمان راهبردی بیست‌ساله دو کشور از مهر ۱۴۰۴ اجرایی شده است.",
        "این پیمان تعهد دفاع متقابل ایجاد نمی‌کند.",
        "همکاری در حوزه پهپاد و فناوری ادامه دارد.",
    ),
    lede="روابط تهران و مسکو از همکاری موقت به چارچوبی پایدار رسیده است.",
    sections=(
        Section("چه چیزی تغییر کرد؟",
                "پیمان جامع راهبردی پس از امضا در مسکو اجرایی شد و اکنون مبنای حقوقی "
                "همکاری‌هاست."),
        Section("آیا این یک اتحاد نظامی است؟",
                "نه به معنای ناتو. این پیمان تعهد خودکار دفاعی ندارد، اما فضای همکاری دفاعی "
                "را گسترده‌تر می‌کند."),
        Section("جمع‌بندی چیست؟",
                "به گزارش Scout، این چارچوب بلندمدت همکاری نزدیک‌تر را بدون اتحاد رسمی ممکن "
                "می‌کند."),
    ),
    attribution=SCOUT,
    language="fa",
)

JAPANESE = Briefing(
    headline="日銀、追加利上げを見送り　円相場は小幅に反発",
    bullets=("日銀は政策金利を据え置き、賃上げの広がりを見極める姿勢を示した。",),
    lede="日本銀行は金融政策決定会合で政策金利の据え置きを決めた。市場の一部は追加利上げを予想していた。",
    sections=(
        Section("なぜ据え置いたのか？",
                "植田総裁は、中小企業の賃上げがどこまで広がるかを確認したいと述べた。"),
        Section("市場の反応は？", "円相場は発表直後に小幅に反発し、長期金利はやや低下した。"),
        Section("今後の焦点", "次回会合までに公表される賃金統計と物価指標が判断材料になる。"),
    ),
    language="ja",
)

GRID = Briefing(
    headline="Chipmakers & “AI <accelerators>”: why the grid is the new bottleneck",
    bullets=(
        "Data-center power demand is rising faster than utilities can connect new capacity.",
        "Three of the largest chip buyers now sign power deals before they sign chip orders.",
        "Regulators are weighing rules that would make large loads pay for their own grid "
        "upgrades.",
    ),
    lede="The race to build AI data centers has run into a less glamorous constraint: "
         "electricity. Chips can be ordered in months, but a new high-voltage connection can "
         "take years.",
    sections=(
        Section("The numbers",
                "Utilities in several U.S. states report connection requests several times "
                "larger than their current peak load. Most of those requests will never be "
                "built, which makes planning harder, not easier."),
        Section("Who is moving first?",
                "Large cloud companies are signing long-term contracts for nuclear, geothermal "
                "and gas power, and some are paying to restart idle plants. Smaller buyers are "
                "being pushed toward regions with spare capacity."),
        Section("What regulators want",
                "Grid operators argue that the newest loads should carry more of the cost of "
                "the lines they need."),
        Section("What to watch",
                "The next year of interconnection decisions will show whether power, not "
                "silicon, sets the pace of the AI build-out."),
    ),
    attribution=Attribution("Scout", "Your daily edge."),
    language="en",
)

HEADLINE_ONLY = Briefing(headline="City council approves 2027 transit budget", attribution=SCOUT)

ALL = {"seed": SEED, "fa": PERSIAN, "ja": JAPANESE, "grid": GRID, "headline-only": HEADLINE_ONLY}
