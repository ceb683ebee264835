import { ProsePage } from "./Prose";

export default function TermsPage() {
  return (
    <ProsePage title="Términos y condiciones" lead="Las reglas de compra en la tienda en línea de Don Palito Jr, Sabaneta (Antioquia).">
      <section>
        <h2>1. Quiénes somos</h2>
        <p>Don Palito Jr es una panadería ubicada en Sabaneta, Antioquia, Colombia. Estos términos aplican a las compras hechas en esta tienda en línea.</p>
      </section>
      <section>
        <h2>2. Precios y pagos</h2>
        <p>Los precios están en pesos colombianos e incluyen el IVA. El precio que pagas es el que muestra el carrito al confirmar el pedido; si un precio cambia mientras compras, te lo avisamos antes de cobrar. Aceptamos tarjeta y transferencia bancaria.</p>
      </section>
      <section>
        <h2>3. Disponibilidad</h2>
        <p>Los productos se hornean a diario y las unidades son limitadas. Reservamos las unidades al confirmar el pedido; un pedido no pagado dentro del plazo indicado se cancela y libera las unidades.</p>
      </section>
      <section>
        <h2>4. Entregas</h2>
        <p>Entregamos en el sur del Valle de Aburrá en la dirección que indiques. Si no hay nadie para recibir, te contactamos para acordar una nueva entrega.</p>
      </section>
      <section>
        <h2>5. Cambios, cancelaciones y reembolsos</h2>
        <p>Puedes cancelar un pedido pendiente de pago desde tu cuenta. Si un producto llega en mal estado, escríbenos dentro de las 24 horas siguientes con una foto y lo reponemos o te devolvemos el dinero. Por tratarse de alimentos perecederos, no aplica el derecho de retracto (artículo 47 de la Ley 1480 de 2011).</p>
      </section>
      <section>
        <h2>6. Cupones</h2>
        <p>Cada cupón tiene sus condiciones (vigencia, compra mínima, descuento máximo y número de usos). No son acumulables ni canjeables por dinero.</p>
      </section>
      <section>
        <h2>7. Contacto</h2>
        <p>Para cualquier reclamo escríbenos desde la página de contacto. Respondemos en un máximo de 15 días hábiles, como dispone el Estatuto del Consumidor.</p>
      </section>
    </ProsePage>
  );
}
