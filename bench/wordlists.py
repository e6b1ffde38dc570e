"""Word lists for generate.py: what the example articles contain, and what replaces it."""

# --- found in examples/ ------------------------------------------------------------------
FAMILIES = {"moonlit-academy": ("Moonlit Academy", "Moonlight Academy"),  # (title, variant title)
            "tide-and-ember": ("Tide and Ember", "Tide & Ember")}
SIDE_TITLES = ["Crimson Ward", "Glass Harbor", "Paper Crown", "Harbor Lights", "Single's Island", "Salt Road",
               "Below the White Moon", "The Drowned Lantern", "Dalbit Hakdang"]  # the last is the Korean title
KO_ORIG_SURNAMES = {"Cha", "Han", "Yeon", "Seo", "Jung", "Jeong", "Kang", "Kim", "Lim", "Im", "Baek", "Do", "Seok",
                    "Noh", "Roh", "Min", "Maeng", "Yoo", "Oh", "Gu", "Koo", "Park", "Nam", "Jang", "Kwak"}
KO_SURNAME_VARIANTS = {"Jeong": "Jung", "Roh": "Noh", "Im": "Lim", "Koo": "Gu"}
KO_NOT_ALONE = {"Do", "Oh"}  # too short to trust as a surname standing alone
STAGE_NAMES = {"Rae": "Na-rae"}  # stage name -> the given name it comes from
# Western names: cast and crew stay fixed per show; bylines, commenters, "related stories" change per article.
WEST_CAST = ["Samuel", "Sam", "Okafor", "Imogen", "Rafferty", "Owen", "Pryce", "Elias", "Marr", "Nell", "Tallis",
             "Tobias", "Grey", "Catherine", "Vail", "Dominic", "Ashby", "Ruth", "Kellerman", "Margot", "Kessler",
             "Celeste", "Moreau", "Adaline", "Crewe", "Lena", "Marquardt"]
WEST_DEBRIS = ["Nadia", "Ferreira", "Frankie", "Delgado-Wren", "Callum", "Dwyer", "Vanessa", "Royce", "Trevor",
               "Baskin", "Elena", "Marchetti", "Hannah", "Ortiz", "Lucas", "Brennan", "Denise", "Harlow", "Grace",
               "Whitmore", "Tony", "Castellano", "Trent", "Vallory", "Marisol", "Quenby", "Gideon", "Farr", "Priya"]
ORIG_FEMALE = {"Imogen", "Nell", "Catherine", "Ruth", "Margot", "Celeste", "Adaline", "Lena", "Nadia", "Frankie",
               "Vanessa", "Elena", "Hannah", "Denise", "Grace", "Marisol", "Priya"}
ORIG_MALE = {"Samuel", "Sam", "Owen", "Elias", "Tobias", "Dominic", "Callum", "Trevor", "Lucas", "Tony", "Trent",
             "Gideon"}

# --- what replaces it ----------------------------------------------------------------------
ADJ = [("Moonlit", "Moonlight"), ("Silent", "Silence"), ("Golden", "Gold"), ("Frozen", "Frost"), ("Hidden", "Hiding"),
       ("Broken", "Breaking"), ("Starlit", "Starlight"), ("Sunken", "Sinking"), ("Fallen", "Falling"),
       ("Crimson", "Scarlet"), ("Burning", "Burnt"), ("Velvet", "Velour"), ("Wandering", "Wanderer"), ("Twilight", "Dusk")]
NOUN = ["Academy", "Harbor", "Garden", "Crown", "Ward", "Lantern", "Tide", "Ember", "Orchard", "Bureau", "Manor",
        "Circuit", "Parlor", "Frontier", "Station", "Kingdom", "Signal", "Archive", "Tower", "River", "Hotel",
        "Market", "Bridge", "Lighthouse", "Palace", "Island", "Compass", "Mirror", "Chapel", "Carnival", "Quarry"]
KO_WORDS = ["Bada", "Byeolbit", "Haneul", "Bamgil", "Supsok", "Kkotgil", "Nunbit", "Sori", "Maeum", "Gureum",
            "Norae", "Jeongwon", "Yeonghon", "Gyeoul", "Hakgyo", "Geurimja"]
# Korean romanization: (usual spelling, variant spelling), so "Seo Ji-hoon"/"Seo Ji-hun" stay one person.
KO_SURNAMES = [("Kim", "Kim"), ("Lee", "Yi"), ("Park", "Pak"), ("Choi", "Choe"), ("Jung", "Jeong"), ("Kang", "Gang"),
               ("Cho", "Jo"), ("Yoon", "Yun"), ("Jang", "Chang"), ("Lim", "Im"), ("Shin", "Sin"), ("Kwon", "Gwon"),
               ("Hwang", "Hwang"), ("Ahn", "Ahn"), ("Song", "Song"), ("Jeon", "Jun"), ("Hong", "Hong"), ("Yang", "Yang"),
               ("Bae", "Bae"), ("Baek", "Paik"), ("Heo", "Hur"), ("Noh", "Roh"), ("Nam", "Nam"), ("Gu", "Koo"),
               ("Seo", "Suh"), ("Ryu", "Yoo"), ("Chae", "Chae"), ("Ha", "Ha"), ("Son", "Sohn")]
KO_SYLLABLES = [("ji", "ji"), ("hoon", "hun"), ("soo", "su"), ("min", "min"), ("kyu", "gyu"), ("hyun", "hyeon"),
                ("woo", "u"), ("seong", "sung"), ("yeon", "yun"), ("ha", "ha"), ("eun", "eun"), ("seo", "so"),
                ("jae", "jae"), ("won", "weon"), ("bin", "bin"), ("na", "na"), ("rae", "rae"), ("da", "da"),
                ("young", "yeong"), ("joon", "jun"), ("ho", "ho"), ("kyung", "gyeong"), ("hee", "hui"), ("tae", "tae")]
FIRST_F = ["Alice", "Clara", "Esther", "Gemma", "Iris", "Keira", "Maeve", "Olive", "Rosa", "Tessa", "Wendy",
           "Yvonne", "Amelia", "Ingrid", "Philippa", "Harriet"]
FIRST_M = ["Bernard", "Declan", "Felix", "Harvey", "Jonah", "Leon", "Nathan", "Patrick", "Silas", "Victor",
           "Xavier", "Zachary", "Rupert", "Conrad", "Ambrose", "Edmund"]
LAST = ["Abbott", "Blackwood", "Carrow", "Dunmore", "Ellery", "Fenwick", "Garland", "Hollis", "Ingram", "Jarvis",
        "Kendrick", "Lockhart", "Mercer", "Norrington", "Osei", "Pennington", "Quill", "Radley", "Sutcliffe",
        "Thorne", "Underhill", "Voss", "Whitlock", "Yardley", "Zeller", "Achebe", "Bellamy", "Costa", "Duval", "Ekwueme"]
LONG_SHORT = [("William", "Will"), ("Benjamin", "Ben"), ("Nathaniel", "Nat"), ("Alexander", "Alex"),
              ("Thomas", "Tom"), ("Frederick", "Fred")]  # for "Samuel L. Okafor, who goes by Sam Okafor"
