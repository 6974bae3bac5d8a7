package dev.assistants4j.bench;

import java.util.SplittableRandom;

/**
 * Deterministic English prose for the ingestion benchmark: paragraphs of 3 to 7 sentences, each sentence one of a
 * dozen templates (statements, reports with numbers and dates, questions, quotations, lists) filled from word lists of
 * a few hundred nouns, verbs, adjectives, names and places, so the text has the vocabulary spread, punctuation and
 * sentence lengths of real documents rather than one repeated sentence. Each paragraph leans on one of 40 topics,
 * like the sections of a report. The same seed gives the same text.
 */
final class ProseText {

    private static final String[] TOPICS =
            words("harbour reservoir vaccine satellite orchard railway glacier bakery courthouse telescope vineyard "
                    + "turbine archive monastery pipeline hospital lighthouse festival quarry laboratory cathedral "
                    + "brewery observatory warehouse ferry printing-press mill garrison aqueduct theatre fishery "
                    + "textile-factory canal library orchestra museum market school shipyard");
    private static final String[] NOUNS =
            words("committee council engineer farmer merchant doctor teacher historian survey budget proposal contract "
                    + "harvest shipment bridge road tunnel river valley hillside village district province county "
                    + "winter summer spring autumn storm drought flood season century decade generation family "
                    + "worker apprentice officer inspector journalist scientist student visitor traveller pilgrim "
                    + "record ledger letter map photograph report study census measurement estimate forecast "
                    + "machine engine furnace pump crane wagon vessel cargo timber stone brick iron copper wool "
                    + "grain barley wheat cattle sheep salt coal oil water electricity telegraph railway station "
                    + "market price wage tax loan debt profit loss demand supply trade export import treaty "
                    + "law court verdict appeal election vote reform protest strike union guild charter");
    private static final String[] VERBS =
            words("built repaired expanded closed opened inspected measured recorded described questioned approved "
                    + "rejected delayed financed supplied transported exported imported replaced improved damaged "
                    + "restored surveyed mapped studied observed reported announced doubled halved reduced raised "
                    + "protected abandoned rebuilt organised managed trained hired dismissed welcomed visited");
    private static final String[] ADJECTIVES =
            words("new old large small narrow wide northern southern eastern western local regional national "
                    + "ancient modern wooden stone heavy light early late careful rapid slow steady sudden "
                    + "expensive cheap famous obscure busy quiet crowded remote fertile barren damp dry "
                    + "reliable fragile temporary permanent official private public costly modest generous");
    private static final String[] ADVERBS =
            words("quickly slowly carefully reluctantly eventually immediately gradually openly quietly repeatedly "
                    + "partly largely briefly frequently rarely");
    private static final String[] NAMES =
            words("Abernathy Okafor Lindqvist Moreau Tanaka Castellano Novak Haddad Petrov Oyelaran Whitcombe "
                    + "Fitzgerald Kowalski Delacroix Nakamura Svensson Mbeki Rourke Valdez Ashworth Brennan Iqbal");
    private static final String[] PLACES =
            words("Aldermoor Brackenfield Carrow Dunmere Eastwick Fenwold Glasmere Harrowgate Ivybridge Kestrel "
                    + "Lowmarsh Millbrook Northfleet Oakhurst Pembury Queensferry Ravensworth Saltcombe Thornbury "
                    + "Upton Westmarch Yarrowdale");
    private static final String[] MONTHS =
            words("January February March April May June July August September October November December");
    private static final String[] CONNECTIVES = {
        "However,",
        "Meanwhile,",
        "Later,",
        "In addition,",
        "As a result,",
        "Nevertheless,",
        "By contrast,",
        "Consequently,"
    };

    private ProseText() {}

    /** About {@code chars} characters (at least that many) of prose from {@code seed}. */
    static String generate(int chars, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder(chars + 2_000);
        while (text.length() < chars) {
            String topic = pick(random, TOPICS).replace('-', ' ');
            int sentences = 3 + random.nextInt(5);
            for (int s = 0; s < sentences; s++) {
                if (s > 0) {
                    text.append(' ');
                }
                text.append(sentence(random, topic));
            }
            text.append("\n\n");
        }
        return text.toString();
    }

    private static String sentence(SplittableRandom r, String topic) {
        return switch (r.nextInt(12)) {
            case 0 ->
                "The " + pick(r, NOUNS) + " of the " + topic + " at " + pick(r, PLACES) + " was " + pick(r, VERBS)
                        + " in " + (1820 + r.nextInt(190)) + ".";
            case 1 ->
                "In " + pick(r, MONTHS) + " the " + pick(r, ADJECTIVES) + " " + pick(r, NOUNS) + " "
                        + pick(r, VERBS) + " the " + topic + " " + pick(r, ADVERBS) + ", according to "
                        + pick(r, NAMES) + ".";
            case 2 ->
                connective(r) + " the " + pick(r, NOUNS) + " " + pick(r, VERBS) + " " + (2 + r.nextInt(97)) + " "
                        + plural(pick(r, NOUNS)) + " near the " + pick(r, ADJECTIVES) + " " + topic + ".";
            case 3 ->
                "Why did the " + pick(r, NOUNS) + " in " + pick(r, PLACES) + " wait so long before the " + topic
                        + " was " + pick(r, VERBS) + "?";
            case 4 ->
                "\"We " + pick(r, VERBS) + " the " + pick(r, NOUNS) + " " + pick(r, ADVERBS) + ",\" said "
                        + pick(r, NAMES) + ", \"because the " + topic + " could not wait another " + pick(r, NOUNS)
                        + ".\"";
            case 5 ->
                "The " + topic + " needed " + pick(r, NOUNS) + ", " + pick(r, NOUNS) + " and "
                        + pick(r, NOUNS) + ", and its " + pick(r, ADJECTIVES) + " " + pick(r, NOUNS)
                        + " cost about " + (10 + r.nextInt(990)) + "," + (100 + r.nextInt(900)) + " pounds.";
            case 6 ->
                pick(r, NAMES) + " " + pick(r, VERBS) + " the " + pick(r, ADJECTIVES) + " "
                        + pick(r, NOUNS) + " after the " + pick(r, NOUNS) + " of " + (1830 + r.nextInt(180))
                        + ", which " + pick(r, VERBS) + " much of " + pick(r, PLACES) + ".";
            case 7 ->
                "By " + (1840 + r.nextInt(170)) + ", " + (3 + r.nextInt(95)) + " percent of the "
                        + plural(pick(r, NOUNS)) + " in the " + pick(r, ADJECTIVES) + " district depended on the "
                        + topic + ".";
            case 8 ->
                "Few " + plural(pick(r, NOUNS)) + " " + pick(r, ADVERBS) + " " + pick(r, VERBS)
                        + " the " + topic + "; most were " + pick(r, ADJECTIVES) + " and " + pick(r, ADJECTIVES)
                        + ".";
            case 9 ->
                "Records from " + pick(r, PLACES) + " show that the " + pick(r, NOUNS) + " was "
                        + pick(r, VERBS) + " twice, once by " + pick(r, NAMES) + " and once by the "
                        + pick(r, NOUNS) + " of " + pick(r, PLACES) + ".";
            case 10 ->
                "It is " + pick(r, ADJECTIVES) + " to ask whether the " + topic + " " + pick(r, VERBS) + " the "
                        + pick(r, NOUNS) + " or merely " + pick(r, VERBS) + " it.";
            default ->
                connective(r) + " the " + topic + " remained " + pick(r, ADJECTIVES) + " until the "
                        + pick(r, ADJECTIVES) + " " + pick(r, NOUNS) + " of " + (1850 + r.nextInt(160)) + ".";
        };
    }

    private static String connective(SplittableRandom r) {
        return pick(r, CONNECTIVES);
    }

    private static String plural(String noun) {
        if (noun.endsWith("y") && !noun.endsWith("ey")) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        return noun.endsWith("s") || noun.endsWith("h") ? noun + "es" : noun + "s";
    }

    private static String pick(SplittableRandom r, String[] words) {
        return words[r.nextInt(words.length)];
    }

    private static String[] words(String list) {
        return list.split(" ");
    }
}
