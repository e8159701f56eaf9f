package dev.sluice.check;

import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a CloudFormation template, YAML or JSON (which is YAML), into maps and lists. A short-form intrinsic
 * ({@code !GetAtt Queue.Arn}) reads as its long form ({@code {"Fn::GetAtt": ["Queue", "Arn"]}}), so that a SAM
 * template's references read exactly as a synthesized CDK template's and one piece of code follows both.
 */
public final class CloudFormationYaml {
    /** Every short form CloudFormation takes, and the key of its long form. */
    private static final Map<String, String> SHORT_FORMS = Map.ofEntries(
            Map.entry("Ref", "Ref"), Map.entry("Condition", "Condition"),
            Map.entry("GetAtt", "Fn::GetAtt"), Map.entry("Sub", "Fn::Sub"), Map.entry("If", "Fn::If"),
            Map.entry("Equals", "Fn::Equals"), Map.entry("Not", "Fn::Not"), Map.entry("And", "Fn::And"),
            Map.entry("Or", "Fn::Or"), Map.entry("Join", "Fn::Join"), Map.entry("Select", "Fn::Select"),
            Map.entry("Split", "Fn::Split"), Map.entry("FindInMap", "Fn::FindInMap"), Map.entry("Base64", "Fn::Base64"),
            Map.entry("Cidr", "Fn::Cidr"), Map.entry("GetAZs", "Fn::GetAZs"), Map.entry("ImportValue", "Fn::ImportValue"),
            Map.entry("Transform", "Fn::Transform"), Map.entry("ToJsonString", "Fn::ToJsonString"),
            Map.entry("Length", "Fn::Length"));

    private CloudFormationYaml() {}

    /** The document; a YamlEngineException if it is not YAML. */
    public static Object load(String text, String label) {
        LoadSettings settings = LoadSettings.builder().setLabel(label).build();
        return new Load(settings, new Constructor(settings)).loadFromString(text);
    }

    private static final class Constructor extends StandardConstructor {
        Constructor(LoadSettings settings) {
            super(settings);
            SHORT_FORMS.forEach((tag, key) -> tagConstructors.put(new Tag("!" + tag), longForm(tag, key)));
        }

        private ConstructNode longForm(String tag, String key) {
            return node -> Map.of(key, content(tag, node));
        }

        /** The tagged node as the long form's value; {@code !GetAtt A.B} is the list [A, B] there. */
        private Object content(String tag, Node node) {
            if (node instanceof ScalarNode scalar) {
                String text = constructScalar(scalar);
                int dot = text.indexOf('.');
                return tag.equals("GetAtt") && dot > 0 ? List.of(text.substring(0, dot), text.substring(dot + 1)) : text;
            }
            if (node instanceof SequenceNode sequence) {
                return constructSequence(sequence);
            }
            return constructMapping((MappingNode) node);
        }
    }
}
