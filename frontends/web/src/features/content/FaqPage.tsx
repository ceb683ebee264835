import { ProsePage } from "./Prose";

const faqs: [string, string][] = [
  ["¿Hasta dónde hacen domicilios?", "Entregamos en Sabaneta, Envigado, Itagüí, La Estrella y el sur de Medellín. El valor del domicilio se muestra en el carrito antes de pagar."],
  ["¿Cuánto se demora mi pedido?", "Los pedidos pagados antes de las 4:00 p. m. salen el mismo día. Después de esa hora, los entregamos al día siguiente en la mañana."],
  ["¿Cómo pago?", "Con tarjeta débito o crédito en línea, o por transferencia bancaria. Si eliges transferencia, te mostramos los datos de la cuenta y la referencia que debes escribir; confirmamos el pago en horario de atención."],
  ["¿Cuánto tiempo tengo para transferir?", "Reservamos los productos de tu pedido mientras esperamos el pago. Si no recibimos la transferencia a tiempo, el pedido se cancela solo y las unidades vuelven al inventario."],
  ["¿Los precios incluyen IVA?", "Sí. Todos los precios incluyen el IVA del 19 %, y tu factura lo muestra discriminado."],
  ["¿Cómo uso un cupón?", "Copia el código desde la página de inicio y escríbelo en el primer paso del pago. Te decimos al instante si aplica y cuánto descuenta; si no aplica, te explicamos por qué."],
  ["¿Puedo cancelar un pedido?", "Sí, mientras esté pendiente de pago lo cancelas desde Mis pedidos. Si ya está pagado, escríbenos por WhatsApp y te ayudamos."],
  ["¿Cuánto duran los palitos?", "Son mejores el mismo día. Puedes guardarlos hasta tres días en un recipiente cerrado y calentarlos cinco minutos en el horno para que recuperen lo crujiente."],
  ["¿Tienen opciones sin gluten?", "Por ahora no. Nuestra cocina trabaja con harina de trigo todo el día, así que no podemos garantizar productos libres de gluten."],
];

export default function FaqPage() {
  return (
    <ProsePage title="Preguntas frecuentes" lead="Lo que más nos preguntan sobre pedidos, pagos y domicilios.">
      <div className="space-y-3">
        {faqs.map(([q, a]) => (
          <details key={q} className="collapse-arrow collapse border border-base-300 bg-base-100">
            <summary className="collapse-title font-semibold">{q}</summary>
            <div className="collapse-content">
              <p>{a}</p>
            </div>
          </details>
        ))}
      </div>
    </ProsePage>
  );
}
